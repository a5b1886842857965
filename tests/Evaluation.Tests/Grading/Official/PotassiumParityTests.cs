using System.Text.Json.Nodes;
using ClinicalAgent.Evaluation.Grading.Official;
using static ClinicalAgent.Evaluation.Tests.Grading.Official.Episodes;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Category 9 over the store's K results (K = 2.7): two POSTs in order, the dose computed in doubles within 0.1,
/// the route string compared lower-cased and trimmed, the lab at the next day's 08:.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class PotassiumParityTests(Store store)
{
    private const string Medication = """
        {"resourceType":"MedicationRequest","medicationCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"40032-917-01"}]},
         "authoredOn":"2023-11-13T10:15:00+00:00","dosageInstruction":[{"route":"oral","doseAndRate":[{"doseQuantity":{"value":80,"unit":"mEq"}}]}],
         "status":"active","intent":"order","subject":{"reference":"Patient/S4000001"}}
        """;

    private const string Lab = """
        {"resourceType":"ServiceRequest","code":{"coding":[{"system":"http://loinc.org","code":"2823-3"}]},"authoredOn":"2023-11-13T10:15:00+00:00",
         "status":"active","intent":"order","priority":"stat","subject":{"reference":"Patient/S4000001"},"occurrenceDateTime":"2023-11-14T08:00:00+00:00"}
        """;

    private static ParityCase Low(bool passes, string rule, params string[] turns) => new(passes, rule, Task(9, Store.PotassiumLow), Of(turns));

    private static string Med(Action<JsonNode> change) => Post("MedicationRequest", With(Medication, change));

    private static string Order(Action<JsonNode> change) => Post("ServiceRequest", With(Lab, change));

    private static JsonNode Dose(JsonNode n) => n["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"]!;

    private static readonly Dictionary<string, ParityCase> Cases = new()
    {
        ["low: both official orders and the level pass"] = Low(true, "task9.answer", Post("MedicationRequest", Medication), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: both orders and [] pass"] = Low(true, "task9.empty-answer", Post("MedicationRequest", Medication), Post("ServiceRequest", Lab), Finish("[]")),
        ["low: 80.1 mEq is 0.10000000000000853 from 79.99999999999999 and fails"] = Low(false, "task9.dose",
            Med(n => Dose(n)["value"] = 80.1), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: 79.9 mEq is within 0.1 and passes"] = Low(true, "task9.answer", Med(n => Dose(n)["value"] = 79.9), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: the dose as a string fails"] = Low(false, "task9.dose", Med(n => Dose(n)["value"] = "80"), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: unit meq fails (exact)"] = Low(false, "task9.dose-unit", Med(n => Dose(n)["unit"] = "meq"), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: route ' Oral ' passes (lower-cased, trimmed)"] = Low(true, "task9.answer",
            Med(n => n["dosageInstruction"]![0]!["route"] = " Oral "), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: the route as a CodeableConcept fails"] = Low(false, "task9.route",
            Med(n => n["dosageInstruction"]![0]!["route"] = JsonNode.Parse("""{"text":"oral"}""")), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: the orders in the other order fail"] = Low(false, "task9.medication-url", Post("ServiceRequest", Lab), Post("MedicationRequest", Medication), Finish("[2.7]")),
        ["low: the medication alone fails"] = Low(false, "task9.two-posts", Post("MedicationRequest", Medication), Finish("[2.7]")),
        ["low: the lab without priority raises KeyError and fails"] = Low(false, "task9.lab.priority",
            Post("MedicationRequest", Medication), Order(n => n.AsObject().Remove("priority")), Finish("[2.7]")),
        ["low: the lab at 09:00 the next day fails"] = Low(false, "task9.lab.occurrence",
            Post("MedicationRequest", Medication), Order(n => n["occurrenceDateTime"] = "2023-11-14T09:00:00+00:00"), Finish("[2.7]")),
        ["low: the lab at 08:00Z the next day contains '2023-11-14T08:' and passes"] = Low(true, "task9.answer",
            Post("MedicationRequest", Medication), Order(n => n["occurrenceDateTime"] = "2023-11-14T08:00:00Z"), Finish("[2.7]")),
        ["low: the lab's authoredOn written with Z fails (text equality)"] = Low(false, "task9.lab.authoredOn",
            Post("MedicationRequest", Medication), Order(n => n["authoredOn"] = "2023-11-13T10:15:00Z"), Finish("[2.7]")),
        ["low: the medication's authoredOn with Z contains NOW's minute and passes"] = Low(true, "task9.answer",
            Med(n => n["authoredOn"] = "2023-11-13T10:15:00Z"), Post("ServiceRequest", Lab), Finish("[2.7]")),
        ["low: the older level as the answer fails"] = Low(false, "task9.answer", Post("MedicationRequest", Medication), Post("ServiceRequest", Lab), Finish("[3.8]")),
        ["normal: no POST and 4 (== 4.0) pass"] = new(true, "task9.answer", Task(9, Store.PotassiumNormal), Of(Finish("[4]"))),
        ["normal: an order fails"] = new(false, "task9.no-post", Task(9, Store.PotassiumNormal), Of(Post("MedicationRequest", Medication), Finish("[4.0]"))),
        ["none: no POST and [-1] pass"] = new(true, "task9.answer", Task(9, Store.NoPotassium), Of(Finish("[-1]"))),
        ["none: no POST and [] pass"] = new(true, "task9.empty-answer", Task(9, Store.NoPotassium), Of(Finish("[]"))),
    };

    public static TheoryData<string> Labels => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Decide_PotassiumCase_AgreesWithTheOfficialDecision(string label) => Cases[label].AssertAgreesAsync(store, label);

    [Fact]
    public void Dose_PotassiumOf2Point7_IsTheDoubleBelowEighty()
    {
        var dose = PotassiumRules.Dose(2.7);

        Assert.Equal(79.99999999999999, dose);
        Assert.NotEqual(80.0, dose);
    }
}
