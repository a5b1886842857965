namespace ClinicalAgent.Fhir.Audit;

/// <summary>The sink when auditing is off: records nothing.</summary>
internal sealed class NullAuditSink : IAuditSink
{
    public ValueTask RecordAsync(AuditRecord record, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
