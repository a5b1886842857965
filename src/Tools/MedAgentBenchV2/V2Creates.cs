using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// The v2 create tools. v2 POSTs its arguments as the resource; here the same body is recorded (<see cref="Recorded"/>)
/// and the record never changes, as MedAgentBench grades the POSTs an agent made, not the server's state. Before
/// recording, the checks a FHIR server makes that the schema cannot: the subject is an existing patient, the times are
/// FHIR dateTimes. Like v2's server-bound payloads, the bodies are not validated as strict FHIR (the benchmark's own
/// payloads carry a plain-string route).
/// </summary>
internal sealed class V2Creates(IFhirGateway gateway)
{
    private readonly List<V2Create> _recorded = [];
    private readonly Lock _lock = new();

    /// <summary>The bodies recorded so far, in order.</summary>
    public IReadOnlyList<V2Create> Recorded
    {
        get
        {
            lock (_lock)
                return [.. _recorded];
        }
    }

    public Task<object?> VitalsAsync(V2Arguments arguments, CancellationToken cancellationToken) =>
        RecordAsync("Observation", arguments, ["effectiveDateTime"], ["valueString", "status"], cancellationToken);

    public Task<object?> MedicationRequestAsync(V2Arguments arguments, CancellationToken cancellationToken) =>
        RecordAsync("MedicationRequest", arguments, ["authoredOn"], ["status", "intent"], cancellationToken);

    public Task<object?> ServiceRequestAsync(V2Arguments arguments, CancellationToken cancellationToken) =>
        RecordAsync("ServiceRequest", arguments, ["authoredOn", "occurrenceDateTime"], ["status", "intent", "priority"], cancellationToken);

    private async Task<object?> RecordAsync(string type, V2Arguments arguments, string[] times, string[] texts, CancellationToken cancellationToken)
    {
        var resourceType = arguments.Required("resourceType");
        if (resourceType != type)
            throw arguments.Error($"'resourceType' must be \"{type}\", not \"{resourceType}\"");
        foreach (var name in texts)
            arguments.Required(name);
        foreach (var name in times)
        {
            if (arguments.Text(name) is { } time && !IsDateTime(time))
                throw arguments.Error($"'{name}' must be an ISO 8601 date-time such as 2023-11-13T10:15:00+00:00, not '{time}'");
        }

        await CheckSubjectAsync(arguments, cancellationToken).ConfigureAwait(false);

        // resourceType first, then the arguments as given: the body v2 would have POSTed.
        var body = new JsonObject { ["resourceType"] = type };
        foreach (var (key, value) in arguments.Values)
        {
            if (key != "resourceType" && value is not null)
                body[key] = value.DeepClone();
        }

        int number;
        using (var document = JsonDocument.Parse(body.ToJsonString(V2Arguments.Json)))
        {
            lock (_lock)
            {
                _recorded.Add(new V2Create(type, document.RootElement.Clone()));
                number = _recorded.Count;
            }
        }

        // What a server answers to a create: the resource with its new id (recorded, so the id says so).
        var created = (JsonObject)body.DeepClone();
        created.Insert(1, "id", $"recorded-{number.ToString(CultureInfo.InvariantCulture)}");
        return JsonSerializer.SerializeToElement(created);
    }

    private async Task CheckSubjectAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        var reference = arguments.Values["subject"] is JsonObject subject && subject["reference"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text.Trim()
            : throw arguments.Error("'subject' must be {\"reference\": \"Patient/<MRN>\"}");
        if (!reference.StartsWith("Patient/", StringComparison.Ordinal) || reference.Length == "Patient/".Length || reference.IndexOf('/', "Patient/".Length) >= 0)
            throw arguments.Error($"'subject.reference' must be Patient/<MRN>, not '{reference}'");
        try
        {
            await gateway.ReadAsync("Patient", reference["Patient/".Length..], cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw arguments.Error($"{reference} is not in the record");
        }
    }

    private static bool IsDateTime(string text) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
