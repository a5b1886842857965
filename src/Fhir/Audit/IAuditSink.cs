namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Where accesses are recorded. <c>AddFhir</c> registers a buffered one (written in batches to the audit store by a
/// background writer), or one that keeps nothing when <c>Audit:Enabled</c> is false.
/// </summary>
public interface IAuditSink
{
    /// <summary>Records one access. Returns at once unless the buffer is full; then it waits briefly, and past
    /// <see cref="AuditOptions.FullBufferWait"/> the event is counted and logged as lost (by id).</summary>
    ValueTask RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Writes everything recorded so far before returning.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
