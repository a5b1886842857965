using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>One laboratory Observation as a MedAgentBench grader reads it: patient, LOINC code, time, value.</summary>
public sealed record LabPoint(string Patient, string Code, DateTimeOffset Effective, decimal Value, JsonElement Raw)
{
    public static LabPoint From(JsonElement observation) => new(
        observation.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..],
        observation.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()!,
        DateTimeOffset.Parse(observation.GetProperty("effectiveDateTime").GetString()!, CultureInfo.InvariantCulture),
        observation.GetProperty("valueQuantity").GetProperty("value").GetDecimal(),
        observation);
}
