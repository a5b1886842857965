using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>Reads <c>Prefer: return</c> and applies it to the entries of a transaction or batch response.</summary>
internal static class ReturnPreferences
{
    public static ReturnPreference Of(HttpRequest request)
    {
        foreach (var part in request.Headers["Prefer"].SelectMany(v => (v ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var pair = part.Replace(" ", "");
            if (pair.StartsWith("return=", StringComparison.OrdinalIgnoreCase))
            {
                return pair["return=".Length..].Trim('"').ToLowerInvariant() switch
                {
                    "minimal" => ReturnPreference.Minimal,
                    "operationoutcome" => ReturnPreference.OperationOutcome,
                    _ => ReturnPreference.Representation,
                };
            }
        }

        return ReturnPreference.Representation;
    }

    /// <summary>An outcome saying what a write did, for <c>return=OperationOutcome</c>.</summary>
    public static OperationOutcome Outcome(string status, string? location) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = location is null ? status : $"{status}: {location}",
            },
        ],
    };

    /// <summary>
    /// Drops the resources of the write entries (POST, PUT) of <paramref name="response"/>, or swaps them for an
    /// outcome; entries that read (GET) keep their resources, as those are the answer.
    /// </summary>
    public static Bundle Apply(Bundle request, Bundle response, ReturnPreference preference)
    {
        if (preference == ReturnPreference.Representation)
        {
            return response;
        }

        for (var i = 0; i < response.Entry.Count && i < request.Entry.Count; i++)
        {
            var entry = response.Entry[i];
            if (request.Entry[i].Request?.Method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT) || entry.Resource is null)
            {
                continue;
            }

            entry.Resource = null;
            if (preference == ReturnPreference.OperationOutcome && entry.Response is { } answer)
            {
                answer.Outcome ??= Outcome(answer.Status ?? "", answer.Location);
            }
        }

        return response;
    }
}
