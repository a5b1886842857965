using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>A gateway whose every call fails with <see cref="Failure"/>, to test how the facade answers a bug.</summary>
public sealed class ThrowingFhirGateway(Exception failure) : IFhirGateway
{
    public Exception Failure { get; } = failure;

    public Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default) => Fail<Resource>();

    public Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default) => Fail<Resource>();

    public Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default) => Fail<Bundle>();

    public Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) => Fail<Bundle>();

    public Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default) => Fail<Bundle>();

    public Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) => Fail<Bundle>();

    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default) => Fail<Bundle?>();

    public Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default) => Fail<FhirWriteResult>();

    public Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        Fail<FhirWriteResult>();

    public Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default) =>
        Fail<FhirWriteResult>();

    public Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default) =>
        Fail<FhirWriteResult>();

    public Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default) => Fail<Bundle>();

    private Task<T> Fail<T>() => Task.FromException<T>(Failure);
}
