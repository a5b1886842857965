using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Category 10 over the store's A1C results: the date text exactly as the server has it, the order when none or
/// older than a year, and <c>[]</c> accepted, so doing nothing passes when no order is due.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class HbA1cParityTests(Store store)
{
    private static string Order(string mrn, string priority = "stat") => Post("ServiceRequest", $$$"""
        {"resourceType":"ServiceRequest","code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},"authoredOn":"2023-11-13T10:15:00+00:00",
         "status":"active","intent":"order","priority":"{{{priority}}}","subject":{"reference":"Patient/{{{mrn}}}"}}
        """);

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["recent: no POST and the value with its date as stored pass"] = new(true, "task10.answer", Task(10, Store.HbA1cRecent),
            Of(Finish("[6.4, \"2023-05-02T08:30:00+00:00\"]"))),
        ["recent: the same instant written in UTC with Z fails (text equality)"] = new(false, "task10.answer", Task(10, Store.HbA1cRecent),
            Of(Finish("[6.4, \"2023-05-02T08:30:00Z\"]"))),
        ["recent: the value without its date fails"] = new(false, "task10.answer", Task(10, Store.HbA1cRecent), Of(Finish("[6.4]"))),
        ["recent: the do-nothing agent's [] passes"] = new(true, "task10.empty-answer", Task(10, Store.HbA1cRecent), Of(Finish("[]"))),
        ["recent: an order fails"] = new(false, "task10.no-post", Task(10, Store.HbA1cRecent),
            Of(Order(Store.HbA1cRecent), Finish("[6.4, \"2023-05-02T08:30:00+00:00\"]"))),
        ["stale: the order and the value with its date pass"] = new(true, "task10.answer", Task(10, Store.HbA1cStale),
            Of(Order(Store.HbA1cStale), Finish("[7.1, \"2022-05-01T08:00:00+00:00\"]"))),
        ["stale: the order and [] pass"] = new(true, "task10.empty-answer", Task(10, Store.HbA1cStale), Of(Order(Store.HbA1cStale), Finish("[]"))),
        ["stale: the do-nothing agent's [] without the order fails"] = new(false, "task10.one-post", Task(10, Store.HbA1cStale), Of(Finish("[]"))),
        ["stale: priority routine fails"] = new(false, "task10.priority", Task(10, Store.HbA1cStale),
            Of(Order(Store.HbA1cStale, "routine"), Finish("[7.1, \"2022-05-01T08:00:00+00:00\"]"))),
        ["none: the order and [-1] pass"] = new(true, "task10.answer", Task(10, Store.NoHbA1c), Of(Order(Store.NoHbA1c), Finish("[-1]"))),
        ["none: two orders fail"] = new(false, "task10.one-post", Task(10, Store.NoHbA1c), Of(Order(Store.NoHbA1c), Order(Store.NoHbA1c), Finish("[-1]"))),
        ["none: the order for another patient fails"] = new(false, "task10.subject", Task(10, Store.NoHbA1c), Of(Order(Store.HbA1cStale), Finish("[-1]"))),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_HbA1cCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);
}
