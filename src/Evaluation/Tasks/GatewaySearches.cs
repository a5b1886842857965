using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>Searches the task readers and graders make, read to the last page.</summary>
internal static class GatewaySearches
{
    /// <summary>Every resource of type <typeparamref name="T"/> the search finds, all pages followed.</summary>
    public static async Task<List<T>> SearchAllAsync<T>(this IFhirGateway gateway, string type, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
        where T : Resource
    {
        var found = new List<T>();
        Bundle? page = await gateway.SearchAsync(type, new SearchQuery(parameters), cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            found.AddRange(page.Entry.Select(e => e.Resource).OfType<T>());
            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }
}
