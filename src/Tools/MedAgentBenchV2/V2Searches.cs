using System.Text.Json;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// The v2 search tools: each one FHIR search on the gateway (the embedded store or a remote EHR), answered as v2's
/// tools answer, with the searchset Bundle itself. No match is an empty Bundle (<c>total</c> 0), as a FHIR server says it.
/// Lab and vital searches come newest first, at most <see cref="PageSize"/> entries (v2 asks its server for 200).
/// </summary>
internal sealed class V2Searches(IFhirGateway gateway)
{
    /// <summary>The most entries one search returns.</summary>
    public const int PageSize = 200;

    private const string Count = "200";

    public Task<object?> PatientsAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var name in (string[])["birthdate", "family", "given", "identifier"])
        {
            if (arguments.Text(name) is { } value)
                parameters.Add(new(name, value));
        }

        if (parameters.Count == 0)
            throw arguments.Error("give at least one of birthdate, family, given, identifier");
        if (arguments.Text("birthdate") is { } birthdate && !DateOnly.TryParseExact(birthdate, "yyyy-MM-dd", out _))
            throw arguments.Error($"'birthdate' must be a date as YYYY-MM-DD, not '{birthdate}'");
        parameters.Add(new("_count", Count));
        return SearchAsync("Patient", parameters, cancellationToken);
    }

    public Task<object?> VitalsAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("patient", arguments.PatientId("patient")),
            new("category", arguments.Required("category")),
        };
        if (arguments.Text("date") is { } date)
            parameters.Add(new("date", date));
        parameters.Add(new("_sort", "-date"));
        parameters.Add(new("_count", Count));
        return SearchAsync("Observation", parameters, cancellationToken);
    }

    public Task<object?> ObservationsAsync(V2Arguments arguments, CancellationToken cancellationToken) => SearchAsync("Observation",
        [new("patient", arguments.PatientId("patient")), new("code", arguments.Required("code")), new("_sort", "-date"), new("_count", Count)],
        cancellationToken);

    public Task<object?> MedicationRequestsAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("patient", arguments.PatientId("patient")) };
        if (arguments.Text("category") is { } category)
            parameters.Add(new("category", category));
        if (arguments.Text("date") is { } date)
            parameters.Add(new("date", date));
        parameters.Add(new("_count", Count));
        return SearchAsync("MedicationRequest", parameters, cancellationToken);
    }

    private async Task<object?> SearchAsync(string type, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var bundle = await gateway.SearchAsync(type, new SearchQuery(parameters), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(FhirJson.Serialize(bundle));
        return document.RootElement.Clone();
    }
}
