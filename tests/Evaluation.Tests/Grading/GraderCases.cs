using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Grading;

/// <summary>Hand-made tasks, answers and POST payloads for the grader tests.</summary>
internal static class GraderCases
{
    public const string Mrn = "S1234567";
    public static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    /// <summary>A task; categories 5 and 9 carry the sentence of their generated contexts that accepts [] as the answer.</summary>
    public static BenchTask Task(int category, TaskExpectation expected) =>
        new($"task{category}_1", "instruction", category is 5 or 9 ? "Finish with [value] or [-1] if none; [] is also accepted." : "context", null, Mrn, Now, null, expected);

    public static IReadOnlyList<JsonElement> List(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone())];

    public static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];

    public static ProposedPost Post(string json) => ProposedPost.FromJson(json);

    public static string BloodPressureString(string bp = "118/77 mmHg", string categorySystem = "http://hl7.org/fhir/observation-category",
        string effective = "2023-11-13T10:15:00+00:00", string subject = "Patient/S1234567") => $$$"""
        {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"{{{categorySystem}}}","code":"vital-signs"}]}],
         "code":{"text":"BP"},"effectiveDateTime":"{{{effective}}}","valueString":"{{{bp}}}","subject":{"reference":"{{{subject}}}"}}
        """;

    public static string BloodPressurePanel(decimal systolic = 118, decimal diastolic = 77) => $$$"""
        {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
         "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2023-11-13T10:15:00+00:00","subject":{"reference":"Patient/S1234567"},
         "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":{{{systolic}}},"unit":"mmHg"}},
                      {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":{{{diastolic}}},"unit":"mmHg"}}]}
        """;

    public static string Medication(string code, string dosage, string system = "http://hl7.org/fhir/sid/ndc", string status = "active") => $$$"""
        {"resourceType":"MedicationRequest","status":"{{{status}}}","intent":"order","authoredOn":"2023-11-13T10:15:00+00:00",
         "medicationCodeableConcept":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}]},"subject":{"reference":"Patient/S1234567"},
         "dosageInstruction":[{{{dosage}}}]}
        """;

    public static string MagnesiumDosage(decimal grams = 2, decimal hours = 2, string route = "IV") =>
        $$$"""{"route":{"text":"{{{route}}}"},"doseAndRate":[{"doseQuantity":{"value":{{{grams}}},"unit":"g"},"rateQuantity":{"value":{{{hours}}},"unit":"h"}}]}""";

    public static string Service(string system, string code, string priority = "stat", string? note = null, string? occurrence = null,
        string authoredOn = "2023-11-13T10:15:00+00:00")
    {
        var extra = (note is null ? "" : $$$""","note":{"text":"{{{note}}}"}""") + (occurrence is null ? "" : $$$""","occurrenceDateTime":"{{{occurrence}}}" """);
        return $$$"""
            {"resourceType":"ServiceRequest","status":"active","intent":"order","priority":"{{{priority}}}","authoredOn":"{{{authoredOn}}}",
             "code":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}]},"subject":{"reference":"Patient/S1234567"}{{{extra}}}}
            """;
    }
}
