using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir;

/// <summary>
/// Reads and writes FHIR R4 records. The embedded SQLite store and a remote FHIR server both implement it,
/// so everything above this seam works the same against either.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="FhirGatewayException"/> carrying the HTTP status and an OperationOutcome
/// that names what is wrong; a failed write leaves the records exactly as they were.
/// </remarks>
public interface IFhirGateway
{
    /// <summary>Reads the current version of <c>type/id</c>; 404 when it does not exist.</summary>
    Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default);

    /// <summary>Reads one version of <c>type/id</c>.</summary>
    Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default);

    /// <summary>All versions of <c>type/id</c>, newest first, as a history Bundle.</summary>
    Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the versions of every <paramref name="type"/> resource, newest first, as a history Bundle;
    /// <paramref name="query"/> takes <c>_since</c> (an instant) and <c>_count</c>, and the paging state of a next link.
    /// </summary>
    Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>One page of the versions of every resource, newest first; the query as for <see cref="TypeHistoryAsync"/>.</summary>
    Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Searches <paramref name="type"/> with FHIR search semantics; returns one searchset page.</summary>
    Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The page after <paramref name="page"/> (its <c>next</c> link), or null on the last page.</summary>
    Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default);

    /// <summary>Creates a resource with a server-assigned id.</summary>
    Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates the resource at its id. With <paramref name="ifMatchVersion"/>, fails with 412
    /// unless that is the current version.
    /// </summary>
    Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the resource unless the search <paramref name="ifNoneExist"/> (e.g. <c>identifier=sys|1</c>)
    /// matches: one match is returned unchanged, several fail with 412.
    /// </summary>
    Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the one resource the search <paramref name="condition"/> (e.g. <c>identifier=sys|1</c>) matches,
    /// or creates the resource when none does (at its own id when it has one); several matches fail with 412.
    /// </summary>
    Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Processes a transaction Bundle atomically (all entries or none) or a batch Bundle entry by entry;
    /// returns the transaction-response or batch-response Bundle.
    /// </summary>
    Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default);
}
