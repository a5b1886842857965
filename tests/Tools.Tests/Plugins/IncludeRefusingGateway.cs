using System.Net;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>
/// The store as a server that does not support <c>_include</c> would show it: a search with one is refused with 400,
/// as such servers answer; everything else goes to the store.
/// </summary>
internal sealed class IncludeRefusingGateway(IFhirGateway store) : IFhirGateway
{
    public int Refused { get; private set; }

    public Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Parameters.Any(p => p.Key == "_include"))
        {
            Refused++;
            throw FhirGatewayException.BadRequest("_include is not supported.");
        }

        return store.SearchAsync(type, query, cancellationToken);
    }

    public Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default) => store.ReadAsync(type, id, cancellationToken);

    public Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default) =>
        store.VReadAsync(type, id, versionId, cancellationToken);

    public Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default) => store.HistoryAsync(type, id, cancellationToken);

    public Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) =>
        store.TypeHistoryAsync(type, query, cancellationToken);

    public Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default) => store.SystemHistoryAsync(query, cancellationToken);

    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default) => store.NextPageAsync(page, cancellationToken);

    public Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
