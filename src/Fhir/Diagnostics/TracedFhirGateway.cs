using System.Diagnostics;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Diagnostics;

/// <summary>
/// An <see cref="IFhirGateway"/> that wraps every interaction of another in a span (<see cref="FhirTelemetry"/>);
/// while no one listens it calls straight through, allocating nothing.
/// </summary>
internal class TracedFhirGateway(IFhirGateway inner, ActivityKind kind) : IFhirGateway
{
    public Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("read", type, id, () => inner.ReadAsync(type, id, cancellationToken), null)
            : inner.ReadAsync(type, id, cancellationToken);

    public Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("vread", type, id, () => inner.VReadAsync(type, id, versionId, cancellationToken), null)
            : inner.VReadAsync(type, id, versionId, cancellationToken);

    public Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("history-instance", type, id, () => inner.HistoryAsync(type, id, cancellationToken), FhirTelemetry.Returned)
            : inner.HistoryAsync(type, id, cancellationToken);

    public Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("history-type", type, null, () => inner.TypeHistoryAsync(type, query, cancellationToken), FhirTelemetry.Returned, query)
            : inner.TypeHistoryAsync(type, query, cancellationToken);

    public Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("history-system", null, null, () => inner.SystemHistoryAsync(query, cancellationToken), FhirTelemetry.Returned, query)
            : inner.SystemHistoryAsync(query, cancellationToken);

    public Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("search-type", type, null, () => inner.SearchAsync(type, query, cancellationToken), FhirTelemetry.Returned, query)
            : inner.SearchAsync(type, query, cancellationToken);

    // The next link carries the search's values; only the page's size is told.
    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("search-next", null, null, () => inner.NextPageAsync(page, cancellationToken), FhirTelemetry.Returned)
            : inner.NextPageAsync(page, cancellationToken);

    public Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("create", resource.TypeName, null, () => inner.CreateAsync(resource, cancellationToken), FhirTelemetry.Wrote)
            : inner.CreateAsync(resource, cancellationToken);

    public Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("update", resource.TypeName, resource.Id, () => inner.UpdateAsync(resource, ifMatchVersion, cancellationToken), FhirTelemetry.Wrote)
            : inner.UpdateAsync(resource, ifMatchVersion, cancellationToken);

    // The condition is a search (an identifier's value): it is not named.
    public Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("conditional-create", resource.TypeName, null, () => inner.ConditionalCreateAsync(resource, ifNoneExist, cancellationToken), FhirTelemetry.Wrote)
            : inner.ConditionalCreateAsync(resource, ifNoneExist, cancellationToken);

    public Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync("conditional-update", resource.TypeName, null, () => inner.ConditionalUpdateAsync(resource, condition, cancellationToken), FhirTelemetry.Wrote)
            : inner.ConditionalUpdateAsync(resource, condition, cancellationToken);

    public Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default) =>
        FhirTelemetry.IsListening
            ? TracedAsync(bundle.Type == Bundle.BundleType.Batch ? "batch" : "transaction", null, null, () => inner.TransactionAsync(bundle, cancellationToken), FhirTelemetry.Returned)
            : inner.TransactionAsync(bundle, cancellationToken);

    private async Task<T> TracedAsync<T>(string interaction, string? type, string? id, Func<Task<T>> call, Action<Activity?, T>? describe, SearchQuery? query = null)
    {
        using var activity = FhirTelemetry.Start(interaction, type, kind, id);
        if (query is not null)
            FhirTelemetry.Query(activity, query);
        try
        {
            var result = await call().ConfigureAwait(false);
            describe?.Invoke(activity, result);
            return result;
        }
        catch (Exception ex)
        {
            FhirTelemetry.Failed(activity, ex);
            throw;
        }
    }
}
