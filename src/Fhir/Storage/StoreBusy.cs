using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Another process's write held the database past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED): a transient
/// condition, answered 503 with <c>Retry-After</c> rather than a server error.
/// </summary>
internal static class StoreBusy
{
    /// <summary>What a client is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool Is(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is 5 or 6;

    public static FhirGatewayException Failure(SqliteException exception)
    {
        var failure = FhirGatewayException.Create(
            HttpStatusCode.ServiceUnavailable,
            OperationOutcome.IssueType.Transient,
            "The FHIR store is busy with another process's write; retry shortly.");
        return new FhirGatewayException(failure.Status, failure.Outcome, exception) { RetryAfter = RetryAfter };
    }
}
