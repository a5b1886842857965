using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Categories 6 and 7 over the store's GLU results: the 24-hour mean within 0.1 (strictly, in doubles), the newest value exactly.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class GlucoseParityTests(Store store)
{
    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["6: the mean of the two values within 24 h passes"] = new(true, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[105]"))),
        ["6: 0.09 off passes"] = new(true, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[105.09]"))),
        ["6: 105.1 is 0.09999999999999432 off in doubles and passes"] = new(true, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[105.1]"))),
        ["6: 0.11 off fails"] = new(false, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[105.11]"))),
        ["6: the mean with the value outside the window (101.67) fails"] = new(false, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[101.67]"))),
        ["6: the mean as a string fails"] = new(false, "task6.tolerance", Task(6, Store.Glucose), Of(Finish("[\"105\"]"))),
        ["6: two items fail"] = new(false, "task6.answer", Task(6, Store.Glucose), Of(Finish("[105, 100]"))),
        ["6: [] fails"] = new(false, "task6.answer", Task(6, Store.Glucose), Of(Finish("[]"))),
        ["6: no glucose means -1, which passes"] = new(true, "task6.tolerance", Task(6, Store.NoGlucose), Of(Finish("[-1]"))),
        ["6: a POST fails"] = new(false, "task6.no-post", Task(6, Store.Glucose), Of(Post("Observation", "{}"), Finish("[105]"))),
        ["7: the newest value passes"] = new(true, "task7.answer", Task(7, Store.Glucose), Of(Finish("[100]"))),
        ["7: 100.0 equals the int 100 and passes"] = new(true, "task7.answer", Task(7, Store.Glucose), Of(Finish("[100.0]"))),
        ["7: an older value fails"] = new(false, "task7.answer", Task(7, Store.Glucose), Of(Finish("[110]"))),
        ["7: no glucose means -1, which passes"] = new(true, "task7.answer", Task(7, Store.NoGlucose), Of(Finish("[-1]"))),
        ["7: [] fails"] = new(false, "task7.answer", Task(7, Store.NoGlucose), Of(Finish("[]"))),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_GlucoseCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);
}
