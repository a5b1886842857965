using System.Text.RegularExpressions;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Bench.Agent;

/// <summary>
/// The raw FHIR a model would read instead of a tool's result: a searchset Bundle (compact JSON, as a FHIR server
/// returns it) of exactly the resources the result names. Counts and summaries that name no resource add nothing,
/// so the comparison leans in the raw JSON's favour.
/// </summary>
internal static partial class RawFhirEquivalent
{
    public static async Task<string> BuildAsync(IFhirGateway gateway, string toolResult, CancellationToken cancellationToken)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var references = Cited().Matches(toolResult).Select(m => m.Value)
            .Concat(PatientIds().Matches(toolResult).Select(m => $"Patient/{m.Groups[1].Value}"))
            .Distinct(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            var resource = await gateway.ReadAsync(reference[..slash], reference[(slash + 1)..], cancellationToken).ConfigureAwait(false);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"http://127.0.0.1:8080/fhir/{reference}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Total = bundle.Entry.Count;
        return FhirJson.Serialize(bundle);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9/])(Observation|Condition|MedicationRequest|Procedure|AllergyIntolerance|Encounter|Immunization|DocumentReference)/[A-Za-z0-9\-\.]{1,64}")]
    private static partial Regex Cited();

    // Patient rows carry the bare id (it is what patient_id arguments take), as an "id" field or a table cell.
    [GeneratedRegex(@"(?:""id"":|\[)""(S\d{7})""")]
    private static partial Regex PatientIds();
}
