using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>
/// What the seeded record holds, read over the served /fhir as an EHR would: the patients whose latest result of a
/// code is below or above a threshold, so each sample service is tried where it should fire and where it should not.
/// </summary>
internal sealed class RecordFacts(ServeFixture serve, string token)
{
    public const string PotassiumCodes = "http://loinc.org|2823-3,http://loinc.org|6298-4";

    public const string CreatinineCodes = "http://loinc.org|2160-0,http://loinc.org|38483-4";

    public static async Task<RecordFacts> ReadAsync(ServeFixture serve) => new(serve, await serve.LocalTokenAsync("system/*.rs"));

    public string Token => token;

    /// <summary>The searchset of the latest result of <paramref name="codes"/> for <paramref name="patient"/> (the EHR's prefetch).</summary>
    public Task<JsonNode> LatestAsync(string patient, string codes) =>
        serve.GetAsync($"/fhir/Observation?patient={patient}&code={Uri.EscapeDataString(codes)}&_sort=-date&_count=1", token);

    public async Task<JsonNode> PatientAsync(string patient) => await serve.GetAsync($"/fhir/Patient/{patient}", token);

    /// <summary>The first patient (in id order) whose latest result of <paramref name="codes"/> satisfies <paramref name="holds"/>.</summary>
    public async Task<(string Patient, JsonObject Observation)> FirstAsync(string codes, Func<JsonObject, bool> holds)
    {
        var patients = await serve.GetAsync("/fhir/Patient?_count=200", token);
        foreach (var id in (patients["entry"]!.AsArray()).Select(e => e!["resource"]!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal))
        {
            if ((await LatestAsync(id, codes))["entry"]?.AsArray().FirstOrDefault()?["resource"] is JsonObject observation && holds(observation))
                return (id, observation);
        }

        throw new InvalidOperationException($"No seeded patient has a latest {codes} result as the test needs.");
    }

    public static double Value(JsonObject observation) => observation["valueQuantity"]!["value"]!.GetValue<double>();

    public static double Low(JsonObject observation) => observation["referenceRange"]?[0]?["low"]?["value"]?.GetValue<double>() ?? 3.5;

    public static string Date(JsonObject observation) =>
        DateTimeOffset.Parse(observation["effectiveDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
