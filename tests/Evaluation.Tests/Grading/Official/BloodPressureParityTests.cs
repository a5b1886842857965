using System.Text.Json.Nodes;
using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Category 3: exactly one accepted POST whose payload equals the official shapes field by field.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class BloodPressureParityTests(Store store)
{
    private const string Right = """
        {"resourceType":"Observation","category":[{"coding":[{"system":"http://hl7.org/fhir/observation-category","code":"vital-signs","display":"Vital Signs"}]}],
         "code":{"text":"BP"},"effectiveDateTime":"2023-11-13T10:15:00+00:00","status":"final","valueString":"118/77 mmHg","subject":{"reference":"Patient/S1000001"}}
        """;

    private static ParityCase Case(bool passes, string rule, params string[] turns) => new(passes, rule, Task(3, Store.Adult), Of(turns));

    private static string Changed(Action<JsonNode> change) => Post("Observation", With(Right, change));

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["the official payload passes"] = Case(true, "task3.payload", Post("Observation", Right), Finish("[]")),
        ["the answer is not read: FINISH(done) passes"] = Case(true, "task3.payload", Post("Observation", Right), "FINISH(done)"),
        ["a POST whose body does not parse is not counted: one good POST after it passes"] =
            Case(true, "task3.payload", Post("Observation", "{not json"), Post("Observation", Right), Finish("[]")),
        ["no FINISH fails"] = Case(false, "task3.finished", Post("Observation", Right)),
        ["two accepted POSTs fail"] = Case(false, "task3.one-post", Post("Observation", Right), Post("Observation", Right), Finish("[]")),
        ["no POST fails"] = Case(false, "task3.one-post", Finish("[]")),
        ["a relative POST URL fails"] = Case(false, "task3.url", "POST Observation\n" + Right, Finish("[]")),
        ["resourceType Vitals fails"] = Case(false, "task3.resourceType", Changed(n => n["resourceType"] = "Vitals"), Finish("[]")),
        ["two categories fail"] = Case(false, "task3.category-count",
            Changed(n => n["category"]!.AsArray().Add(JsonNode.Parse("""{"coding":[{"code":"x"}]}"""))), Finish("[]")),
        ["two codings in the category fail"] = Case(false, "task3.coding-count",
            Changed(n => n["category"]![0]!["coding"]!.AsArray().Add(JsonNode.Parse("""{"code":"x"}"""))), Finish("[]")),
        ["the terminology.hl7.org category system fails"] = Case(false, "task3.category",
            Changed(n => n["category"]![0]!["coding"]![0]!["system"] = "http://terminology.hl7.org/CodeSystem/observation-category"), Finish("[]")),
        ["the category without its display fails"] = Case(false, "task3.category",
            Changed(n => n["category"]![0]!["coding"]![0]!.AsObject().Remove("display")), Finish("[]")),
        ["the LOINC panel code instead of {text: BP} fails"] = Case(false, "task3.code",
            Changed(n => n["code"] = JsonNode.Parse("""{"coding":[{"system":"http://loinc.org","code":"85354-9"}],"text":"BP"}""")), Finish("[]")),
        ["effectiveDateTime NOW written with Z fails (text equality)"] = Case(false, "task3.effectiveDateTime",
            Changed(n => n["effectiveDateTime"] = "2023-11-13T10:15:00Z"), Finish("[]")),
        ["status preliminary fails"] = Case(false, "task3.status", Changed(n => n["status"] = "preliminary"), Finish("[]")),
        ["valueString without the unit fails"] = Case(false, "task3.valueString", Changed(n => n["valueString"] = "118/77"), Finish("[]")),
        ["a subject with a display fails (whole-dict equality)"] = Case(false, "task3.subject",
            Changed(n => n["subject"]!["display"] = "Pat Test"), Finish("[]")),
        ["a lower-case MRN in the subject fails"] = Case(false, "task3.subject", Changed(n => n["subject"]!["reference"] = "Patient/s1000001"), Finish("[]")),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_BloodPressureCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);

    [Fact]
    public async Task Decide_NotFoundTaskAnsweredAsOursStates_FailsForWantOfTheOnePost()
    {
        // Our not-found branch (no eval_MRN, nothing written) does not exist in the official grader.
        var decision = await new ParityCase(false, "task3.one-post", Task(3, null), Of(Finish("[\"Patient not found\"]"))).DecideAsync(store);

        Assert.False(decision.Passed);
        Assert.Equal("task3.one-post", decision.Rule);
    }
}
