using System.Text.Json.Nodes;
using ClinicalAgent.Evaluation.Grading.Official;
using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Category 8: one accepted ServiceRequest; <c>note</c> must be an object whose text contains the hard-coded SBAR text.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class ReferralParityTests(Store store)
{
    private static readonly string Right = $$$"""
        {"resourceType":"ServiceRequest","code":{"coding":[{"system":"http://snomed.info/sct","code":"306181000000106","display":"Referral to orthopedic service"}]},
         "authoredOn":"2023-11-13T10:15:00+00:00","status":"active","intent":"order","priority":"stat","note":{"text":"{{{OfficialTexts.ReferralNote}}}"},
         "subject":{"reference":"Patient/S1000001"}}
        """;

    private static ParityCase Case(bool passes, string rule, params string[] turns) => new(passes, rule, Task(8, Store.Adult), Of(turns));

    private static string Changed(Action<JsonNode> change) => Post("ServiceRequest", With(Right, change));

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["the official referral passes"] = Case(true, "task8.payload", Post("ServiceRequest", Right), Finish("[]")),
        ["a note that contains the SBAR text among more words passes"] = Case(true, "task8.payload",
            Changed(n => n["note"]!["text"] = "Dear colleague. " + OfficialTexts.ReferralNote + " Thanks."), Finish("[]")),
        ["note as a list of objects fails (the grader indexes it like a dict)"] = Case(false, "task8.note",
            Changed(n => n["note"] = new JsonArray(JsonNode.Parse($$"""{"text":"{{OfficialTexts.ReferralNote}}"}"""))), Finish("[]")),
        ["a note missing its last sentence fails"] = Case(false, "task8.note",
            Changed(n => n["note"]!["text"] = OfficialTexts.ReferralNote[..OfficialTexts.ReferralNote.IndexOf(" Recommendation", StringComparison.Ordinal)]), Finish("[]")),
        ["priority routine fails"] = Case(false, "task8.priority", Changed(n => n["priority"] = "routine"), Finish("[]")),
        ["authoredOn written with Z fails"] = Case(false, "task8.authoredOn", Changed(n => n["authoredOn"] = "2023-11-13T10:15:00Z"), Finish("[]")),
        ["the SNOMED code under LOINC's system fails"] = Case(false, "task8.code-system",
            Changed(n => n["code"]!["coding"]![0]!["system"] = "http://loinc.org"), Finish("[]")),
        ["status draft fails"] = Case(false, "task8.status", Changed(n => n["status"] = "draft"), Finish("[]")),
        ["posted to MedicationRequest fails"] = Case(false, "task8.url", Post("MedicationRequest", Right), Finish("[]")),
        ["no POST fails"] = Case(false, "task8.one-post", Finish("[]")),
        ["no FINISH fails"] = Case(false, "task8.finished", Post("ServiceRequest", Right)),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_ReferralCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);
}
