using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// The engine's audit hook: a workflow start (<c>workflow-start</c>/<c>start</c>) and each approval decision
/// (<c>approval</c>/<c>approve</c> or <c>reject</c>, with who decided) as AuditEvents through the host's
/// <see cref="IAuditSink"/>. Ids only: the instance, its workflow's name, the patient, the triggering resource.
/// </summary>
internal sealed class WorkflowAudit(IAuditSink? sink)
{
    /// <summary>A start: by whoever this flow acts for, else the local user for a manual start, else nobody (a trigger).</summary>
    public ValueTask StartedAsync(WorkflowInstance instance, JsonObject? trigger) =>
        RecordAsync(new AuditRecord(AuditKind.WorkflowStart, "start", AuditAction.Execute, AuditOutcome.Success)
        {
            Actor = AuditActorScope.Current ?? (trigger?["kind"]?.GetValue<string>() is null or "manual" ? AuditActor.LocalUser() : null),
            PatientId = instance.PatientId,
            Resources = trigger?["type"]?.GetValue<string>() is { } type && trigger["id"]?.GetValue<string>() is { } id ? [$"{type}/{id}"] : [],
            WorkflowInstance = (instance.Workflow, instance.Id),
            OutcomeDetail = trigger?["kind"]?.GetValue<string>() ?? "manual",
        });

    /// <summary>A start refused (an unknown workflow or input): nothing was created.</summary>
    public ValueTask StartRefusedAsync(string? patientId) =>
        RecordAsync(new AuditRecord(AuditKind.WorkflowStart, "start", AuditAction.Execute, AuditOutcome.MinorFailure)
        {
            Actor = AuditActorScope.Current ?? AuditActor.LocalUser(),
            PatientId = patientId,
            OutcomeDetail = "refused",
        });

    /// <summary>An approval decided by <paramref name="by"/> (the approver's reference or identifier), or refused.</summary>
    public ValueTask DecidedAsync(string instanceId, WorkflowInstance? instance, bool approve, string by, bool succeeded) =>
        RecordAsync(new AuditRecord(AuditKind.Approval, approve ? "approve" : "reject", AuditAction.Execute,
            succeeded ? AuditOutcome.Success : AuditOutcome.MinorFailure)
        {
            Actor = AuditActor.Person(by),
            PatientId = instance?.PatientId,
            WorkflowInstance = (instance?.Workflow ?? "", instanceId),
            OutcomeDetail = succeeded ? null : "not waiting for an approval",
        });

    private ValueTask RecordAsync(AuditRecord record) => sink?.RecordAsync(record, CancellationToken.None) ?? ValueTask.CompletedTask;
}
