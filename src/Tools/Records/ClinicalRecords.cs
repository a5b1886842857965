using System.Net;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Tools.Records;

/// <summary>
/// The reads every tool shares, over the injected gateway: a patient that must exist, a capped search across pages,
/// a count. Unknown patients become a <see cref="ToolArgumentException"/> the model can read.
/// </summary>
public sealed class ClinicalRecords(IFhirGateway gateway, IOptions<ClinicalToolsOptions> options)
{
    /// <summary>The gateway underneath, for the search escape hatch.</summary>
    public IFhirGateway Gateway => gateway;

    /// <summary>The tools' settings.</summary>
    public ClinicalToolsOptions Options => options.Value;

    /// <summary>The patient, or a clear error when there is none. Accepts <c>S123</c> and <c>Patient/S123</c>.</summary>
    public async Task<Patient> GetPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        var id = PatientIdOf(patientId);
        try
        {
            return (Patient)await gateway.ReadAsync("Patient", id, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new ToolArgumentException($"Patient '{id}' does not exist. Use find_patients to look up the id.");
        }
    }

    /// <summary>A plain id from what a model may write: <c>S123</c>, <c>Patient/S123</c>, a full URL.</summary>
    public static string PatientIdOf(string patientId)
    {
        var text = (patientId ?? "").Trim();
        if (text.Length == 0)
        {
            throw new ToolArgumentException("patient_id is required: the patient's id (MRN), e.g. 'S1234567'.");
        }

        return text[(text.LastIndexOf('/') + 1)..];
    }

    /// <summary>A requested limit clamped to 1 … <see cref="ClinicalToolsOptions.MaxResults"/>.</summary>
    public int Limit(int? requested) =>
        requested is > 0 ? Math.Min(requested.Value, Options.MaxResults) : Options.MaxResults;

    /// <summary>Up to <paramref name="limit"/> resources across pages, and whether more matched.</summary>
    public async Task<(List<T> Items, bool More)> SearchAsync<T>(SearchQuery query, int limit, CancellationToken cancellationToken)
        where T : Resource
    {
        var (items, _, more) = await SearchWithIncludedAsync<T>(query, limit, cancellationToken).ConfigureAwait(false);
        return (items, more);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> matches across pages, the resources the search's <c>_include</c> added to
    /// those pages, and whether more matched.
    /// </summary>
    public async Task<(List<T> Items, List<Resource> Included, bool More)> SearchWithIncludedAsync<T>(
        SearchQuery query, int limit, CancellationToken cancellationToken)
        where T : Resource
    {
        var type = typeof(T).Name;
        var items = new List<T>();
        var included = new List<Resource>();
        var page = await gateway.SearchAsync(type, query.With("_count", Math.Min(limit + 1, 200).ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken)
            .ConfigureAwait(false);
        while (page is not null)
        {
            included.AddRange(page.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Include && e.Resource is not null).Select(e => e.Resource!));
            foreach (var resource in page.Entry.Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match).Select(e => e.Resource).OfType<T>())
            {
                if (items.Count == limit)
                {
                    return (items, included, true);
                }

                items.Add(resource);
            }

            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return (items, included, false);
    }

    /// <summary>How many <paramref name="type"/> resources belong to the patient.</summary>
    public async Task<int> CountAsync(string type, string patientId, CancellationToken cancellationToken)
    {
        var bundle = await gateway.SearchAsync(type, new SearchQuery([new("patient", patientId), new("_count", "0")]), cancellationToken)
            .ConfigureAwait(false);
        return bundle.Total ?? bundle.Entry.Count;
    }
}
