using System.Text.Json;

namespace ClinicalAgent.Evaluation.MedAgentBenchV2;

/// <summary>
/// MedAgentBench's text-protocol actions as the v2 tool calls that do the same: a <c>Patient</c> GET is
/// <c>patient_search</c>, an <c>Observation?code=</c> GET is <c>observation_search</c>, a POST is the create tool of its
/// resource type with the body's fields as arguments, <c>FINISH(list)</c> is <c>finish</c>.
/// </summary>
internal static class V2Calls
{
    private static readonly string[] PatientParameters = ["birthdate", "family", "given", "identifier"];

    /// <summary>The tool and arguments for <paramref name="action"/>, whose URLs start with <paramref name="fhirBase"/>.</summary>
    /// <exception cref="InvalidDataException">An action with no v2 tool.</exception>
    public static (string Name, Dictionary<string, object?> Arguments) From(string action, string fhirBase)
    {
        if (action.StartsWith("GET ", StringComparison.Ordinal))
            return Get(Relative(action["GET ".Length..].Trim(), fhirBase));
        if (action.StartsWith("POST ", StringComparison.Ordinal))
        {
            var newline = action.IndexOf('\n', StringComparison.Ordinal);
            var type = Relative(action["POST ".Length..newline].Trim(), fhirBase);
            using var body = JsonDocument.Parse(action[(newline + 1)..]);
            var tool = type switch
            {
                "Observation" => "vitals_create",
                "MedicationRequest" => "medication_request_create",
                "ServiceRequest" => "service_request_create",
                _ => throw new InvalidDataException($"No v2 create tool posts {type}."),
            };
            return (tool, body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal));
        }

        if (action.StartsWith("FINISH(", StringComparison.Ordinal) && action.EndsWith(')'))
        {
            using var list = JsonDocument.Parse(action["FINISH(".Length..^1]);
            return ("finish", new Dictionary<string, object?> { ["value"] = list.RootElement.Clone() });
        }

        throw new InvalidDataException($"No v2 tool does '{action}'.");
    }

    private static (string, Dictionary<string, object?>) Get(string relative)
    {
        var question = relative.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? relative : relative[..question];
        var query = (question < 0 ? "" : relative[(question + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        return path switch
        {
            "Patient" => ("patient_search", PatientParameters.Where(query.ContainsKey).ToDictionary(p => p, p => (object?)Json(query[p]), StringComparer.Ordinal)),
            "Observation" when query.ContainsKey("code") && query.ContainsKey("patient") => ("observation_search",
                new Dictionary<string, object?> { ["code"] = Json(query["code"]), ["patient"] = Json(query["patient"]) }),
            _ => throw new InvalidDataException($"No v2 search tool does GET {relative}."),
        };
    }

    private static JsonElement Json(string text) => JsonSerializer.SerializeToElement(text);

    private static string Relative(string url, string fhirBase) => url.StartsWith(fhirBase, StringComparison.Ordinal)
        ? url[fhirBase.Length..]
        : throw new InvalidDataException($"'{url}' is not under {fhirBase}.");
}
