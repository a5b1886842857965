using System.Text.Json;
using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Categories 1 and 2: no POST; <c>ref_sol == json.loads(result)</c> with Python's equality.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class LookupParityTests(Store store)
{
    private static readonly IReadOnlyList<JsonElement> Found = [JsonSerializer.SerializeToElement(Store.Adult)];
    private static readonly IReadOnlyList<JsonElement> NotFound = [JsonSerializer.SerializeToElement("Patient not found")];

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["1: the MRN as a one-item list passes"] = new(true, "task1.answer", Task(1, null, Found), Of("GET Patient?name=x", Finish("[\"S1000001\"]"))),
        ["1: spaces inside the list still parse and pass"] = new(true, "task1.answer", Task(1, null, Found), Of(Finish("[ \"S1000001\" ]"))),
        ["1: a code fence around FINISH is removed and passes"] = new(true, "task1.answer", Task(1, null, Found), Of("```\nFINISH([\"S1000001\"])\n```")),
        ["1: a lower-case MRN fails (exact string equality)"] = new(false, "task1.answer", Task(1, null, Found), Of(Finish("[\"s1000001\"]"))),
        ["1: the MRN as a bare string fails (not a list)"] = new(false, "task1.answer", Task(1, null, Found), Of(Finish("\"S1000001\""))),
        ["1: text after FINISH(...) makes the result unparseable and fails"] = new(false, "task1.answer", Task(1, null, Found), Of("FINISH([\"S1000001\"]) done")),
        ["1: not found answered as stated passes"] = new(true, "task1.answer", Task(1, null, NotFound), Of(Finish("[\"Patient not found\"]"))),
        ["1: any model turn containing POST fails"] = new(false, "task1.no-post", Task(1, null, Found), Of("I will not POST anything", Finish("[\"S1000001\"]"))),
        ["1: no FINISH fails"] = new(false, "task1.finished", Task(1, null, Found), Of("GET Patient?name=x")),
        ["2: the age as an integer passes"] = new(true, "task2.answer", Task(2, Store.Adult), Of(Finish("[57]"))),
        ["2: 57.0 equals 57 in Python and passes"] = new(true, "task2.answer", Task(2, Store.Adult), Of(Finish("[57.0]"))),
        ["2: \"57\" as a string fails"] = new(false, "task2.answer", Task(2, Store.Adult), Of(Finish("[\"57\"]"))),
        ["2: one year off fails"] = new(false, "task2.answer", Task(2, Store.Adult), Of(Finish("[58]"))),
        ["2: a birthday tomorrow is not yet counted: 52 passes"] = new(true, "task2.answer", Task(2, Store.BirthdayTomorrow), Of(Finish("[52]"))),
        ["2: a birthday tomorrow counted early (53) fails"] = new(false, "task2.answer", Task(2, Store.BirthdayTomorrow), Of(Finish("[53]"))),
        ["2: a patient Patient?identifier cannot find makes the grader raise: fails"] = new(false, "task2.raises", Task(2, "S9999999"), Of(Finish("[57]"))),
        ["2: a POST fails"] = new(false, "task2.no-post", Task(2, Store.Adult), Of(Post("Observation", "{}"), Finish("[57]"))),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_LookupCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);
}
