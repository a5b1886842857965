using System.Text.Json.Nodes;
using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Categories 4 and 5 over the store's MG results: the 24-hour window from NOW, the exact dose and rate dicts,
/// the string route, and the branches where nothing may be written.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class MagnesiumParityTests(Store store)
{
    private const string Order = """
        {"resourceType":"MedicationRequest","medicationCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"0338-1715-40","display":"Magnesium sulfate"}]},
         "authoredOn":"2023-11-13T10:15:00+00:00","dosageInstruction":[{"route":"IV","doseAndRate":[{"doseQuantity":{"value":2,"unit":"g"},"rateQuantity":{"value":2,"unit":"h"}}]}],
         "status":"active","intent":"order","subject":{"reference":"Patient/S2000001"}}
        """;

    private static ParityCase Low(bool passes, string rule, params string[] turns) => new(passes, rule, Task(5, Store.MagnesiumLow), Of(turns));

    private static string Changed(Action<JsonNode> change) => Post("MedicationRequest", With(Order, change));

    private static JsonNode Dosage(JsonNode n) => n["dosageInstruction"]![0]!;

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["4: the newest level within 24 h passes"] = new(true, "task4.answer", Task(4, Store.MagnesiumLow), Of(Finish("[1.3]"))),
        ["4: 1.30 is the same float and passes"] = new(true, "task4.answer", Task(4, Store.MagnesiumLow), Of(Finish("[1.30]"))),
        ["4: the value as a string fails"] = new(false, "task4.answer", Task(4, Store.MagnesiumLow), Of(Finish("[\"1.3\"]"))),
        ["4: an older level fails"] = new(false, "task4.answer", Task(4, Store.MagnesiumLow), Of(Finish("[2.5]"))),
        ["4: [] is not accepted in category 4"] = new(false, "task4.answer", Task(4, Store.MagnesiumLow), Of(Finish("[]"))),
        ["4: a level older than 24 h means -1, which passes"] = new(true, "task4.answer", Task(4, Store.MagnesiumStale), Of(Finish("[-1]"))),
        ["4: the level older than 24 h itself fails"] = new(false, "task4.answer", Task(4, Store.MagnesiumStale), Of(Finish("[1.0]"))),
        ["4: a POST fails"] = new(false, "task4.no-post", Task(4, Store.MagnesiumLow), Of(Post("MedicationRequest", Order), Finish("[1.3]"))),

        ["5 low: the official order and the level pass"] = Low(true, "task5.answer", Post("MedicationRequest", Order), Finish("[1.3]")),
        ["5 low: the official order and [] pass"] = Low(true, "task5.empty-answer", Post("MedicationRequest", Order), Finish("[]")),
        ["5 low: the order with a wrong answer fails"] = Low(false, "task5.answer", Post("MedicationRequest", Order), Finish("[-1]")),
        ["5 low: 2.0 equals 2 inside the dose dict and passes"] = Low(true, "task5.answer",
            Changed(n => Dosage(n)["doseAndRate"]![0]!["doseQuantity"]!["value"] = 2.0), Finish("[1.3]")),
        ["5 low: the route as a CodeableConcept fails"] = Low(false, "task5.route", Changed(n => Dosage(n)["route"] = JsonNode.Parse("""{"text":"IV"}""")), Finish("[1.3]")),
        ["5 low: the route 'iv' fails (exact, case-sensitive)"] = Low(false, "task5.route", Changed(n => Dosage(n)["route"] = "iv"), Finish("[1.3]")),
        ["5 low: a unit system inside doseQuantity fails (whole-dict equality)"] = Low(false, "task5.doseQuantity",
            Changed(n => Dosage(n)["doseAndRate"]![0]!["doseQuantity"]!["system"] = "http://unitsofmeasure.org"), Finish("[1.3]")),
        ["5 low: the dose for another level fails"] = Low(false, "task5.doseQuantity",
            Changed(n => Dosage(n)["doseAndRate"]![0]!["doseQuantity"]!["value"] = 1), Finish("[1.3]")),
        ["5 low: rate unit 'hr' fails"] = Low(false, "task5.rateQuantity",
            Changed(n => Dosage(n)["doseAndRate"]![0]!["rateQuantity"]!["unit"] = "hr"), Finish("[1.3]")),
        ["5 low: no rateQuantity raises KeyError and fails"] = Low(false, "task5.rateQuantity",
            Changed(n => Dosage(n)["doseAndRate"]![0]!.AsObject().Remove("rateQuantity")), Finish("[1.3]")),
        ["5 low: authoredOn with seconds past NOW still contains NOW's minute and passes"] = Low(true, "task5.answer",
            Changed(n => n["authoredOn"] = "2023-11-13T10:15:30+00:00"), Finish("[1.3]")),
        ["5 low: authoredOn as a date fails"] = Low(false, "task5.authoredOn", Changed(n => n["authoredOn"] = "2023-11-13"), Finish("[1.3]")),
        ["5 low: the NDC code under RxNorm fails"] = Low(false, "task5.ndc-system",
            Changed(n => n["medicationCodeableConcept"]!["coding"]![0]!["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm"), Finish("[1.3]")),
        ["5 low: intent plan fails"] = Low(false, "task5.intent", Changed(n => n["intent"] = "plan"), Finish("[1.3]")),
        ["5 low: no order fails"] = Low(false, "task5.one-post", Finish("[1.3]")),
        ["5 low: two orders fail"] = Low(false, "task5.one-post", Post("MedicationRequest", Order), Post("MedicationRequest", Order), Finish("[1.3]")),
        ["5 very low (0.8): 4 g over 4 h passes"] = new(true, "task5.answer", Task(5, Store.MagnesiumVeryLow), Of(Post("MedicationRequest", With(Order, n =>
        {
            n["subject"]!["reference"] = "Patient/S2000004";
            Dosage(n)["doseAndRate"] = JsonNode.Parse("""[{"doseQuantity":{"value":4,"unit":"g"},"rateQuantity":{"value":4,"unit":"h"}}]""");
        })), Finish("[0.8]"))),
        ["5 very low (0.8): 2 g fails"] = new(false, "task5.doseQuantity", Task(5, Store.MagnesiumVeryLow),
            Of(Post("MedicationRequest", With(Order, n => n["subject"]!["reference"] = "Patient/S2000004")), Finish("[0.8]"))),
        ["5 normal: no POST and the level pass"] = new(true, "task5.answer", Task(5, Store.MagnesiumNormal), Of(Finish("[2.3]"))),
        ["5 normal: no POST and [] pass"] = new(true, "task5.empty-answer", Task(5, Store.MagnesiumNormal), Of(Finish("[]"))),
        ["5 normal: a wrong level fails"] = new(false, "task5.answer", Task(5, Store.MagnesiumNormal), Of(Finish("[2.4]"))),
        ["5 normal: an order fails"] = new(false, "task5.no-post", Task(5, Store.MagnesiumNormal), Of(Post("MedicationRequest", Order), Finish("[2.3]"))),
        ["5 none in 24 h: no POST passes whatever the answer"] = new(true, "task5.no-magnesium-in-24h", Task(5, Store.MagnesiumStale), Of(Finish("[\"anything\"]"))),
        ["5 none in 24 h: no POST and the stale level pass too"] = new(true, "task5.no-magnesium-in-24h", Task(5, Store.MagnesiumStale), Of(Finish("[1.0]"))),
        ["5 none in 24 h: an order fails"] = new(false, "task5.no-post", Task(5, Store.MagnesiumStale), Of(Post("MedicationRequest", Order), Finish("[-1]"))),
        ["5 none in 24 h: no FINISH fails"] = new(false, "task5.finished", Task(5, Store.MagnesiumStale), Of("GET Observation?code=MG")),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_MagnesiumCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);
}
