using System.Net;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Results;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Records;

/// <summary>
/// Names the product of medication orders that give it by reference (<c>medicationReference</c>, as Synthea and many
/// EHRs write), not as a code: from a contained Medication, from the Medications the search's
/// <c>_include=MedicationRequest:medication</c> returned, else by reading each once. A reference that resolves to
/// nothing is shown as unresolved, never as a bare id that reads like a drug.
/// </summary>
internal sealed class MedicationResolver(IFhirGateway gateway)
{
    /// <summary>The search parameter that asks the server to return the referenced Medications with the orders.</summary>
    public static KeyValuePair<string, string> Include { get; } = new("_include", "MedicationRequest:medication");

    /// <summary>
    /// Up to <paramref name="limit"/> orders matching <paramref name="parameters"/> as rows, their products named. The
    /// Medications come with the orders (<see cref="Include"/>); a server that refuses the include (400, 403 for a
    /// scope without Medication, 501) is asked again without it, and each product read on its own.
    /// </summary>
    public async Task<(IReadOnlyList<MedicationRow> Rows, bool More)> SearchAsync(
        ClinicalRecords records, IReadOnlyList<KeyValuePair<string, string>> parameters, int limit, CancellationToken cancellationToken)
    {
        List<MedicationRequest> items;
        List<Resource> included;
        bool more;
        try
        {
            (items, included, more) = await records.SearchWithIncludedAsync<MedicationRequest>(
                new Fhir.Search.SearchQuery([.. parameters, Include]), limit, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotImplemented)
        {
            (items, more) = await records.SearchAsync<MedicationRequest>(new Fhir.Search.SearchQuery([.. parameters]), limit, cancellationToken)
                .ConfigureAwait(false);
            included = [];
        }

        return (await RowsAsync(items, included, cancellationToken).ConfigureAwait(false), more);
    }

    public async Task<IReadOnlyList<MedicationRow>> RowsAsync(
        IReadOnlyList<MedicationRequest> requests, IReadOnlyList<Resource> included, CancellationToken cancellationToken)
    {
        var known = included.OfType<Medication>().Where(m => m.Id is not null).GroupBy(m => m.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rows = new List<MedicationRow>(requests.Count);
        foreach (var request in requests)
        {
            var medication = request.Medication is ResourceReference reference
                ? await ResolveAsync(request, reference, known, cancellationToken).ConfigureAwait(false)
                : null;
            rows.Add(RecordRows.Medication(request, medication));
        }

        return rows;
    }

    private async Task<Medication?> ResolveAsync(
        MedicationRequest request, ResourceReference reference, Dictionary<string, Medication> known, CancellationToken cancellationToken)
    {
        var text = reference.Reference;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.StartsWith('#'))
        {
            return request.Contained.OfType<Medication>().FirstOrDefault(m => m.Id == text[1..]);
        }

        // "Medication/abc", or an absolute URL on this server: the last two segments are type and id.
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[^2] != "Medication")
        {
            return null;
        }

        var id = segments[^1];
        if (known.TryGetValue(id, out var found))
        {
            return found;
        }

        try
        {
            var read = await gateway.ReadAsync("Medication", id, cancellationToken).ConfigureAwait(false) as Medication;
            if (read is not null)
            {
                known[id] = read;
            }

            return read;
        }
        catch (FhirGatewayException)
        {
            return null; // shown as "unresolved Medication/id"
        }
    }
}
