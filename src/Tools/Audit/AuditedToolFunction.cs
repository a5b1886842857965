using System.Text.Json;
using ClinicalAgent.Fhir.Audit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.Audit;

/// <summary>
/// A tool that records each of its calls as an AuditEvent: the tool's name as subtype, who called it (the workflow
/// in whose flow it runs, else the local OS user), the patient it was asked about, and the resources its result
/// cites (<c>Observation/…</c>). Never the arguments or the result's text: they hold names and values.
/// </summary>
internal sealed class AuditedToolFunction(AIFunction inner, IAuditSink sink) : DelegatingAIFunction(inner)
{
    // The write tools propose or make a write: an execution, where every other tool reads.
    private static readonly HashSet<string> WriteTools = new(StringComparer.Ordinal) { "record_vital_sign", "order_medication", "order_service", "create_note" };

    public static IReadOnlyList<AIFunction> Wrap(IReadOnlyList<AIFunction> functions, IAuditSink? sink) =>
        sink is null ? functions : functions.Select(f => (AIFunction)new AuditedToolFunction(f, sink)).ToList();

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var action = WriteTools.Contains(Name) ? AuditAction.Execute : AuditAction.Read;
        var record = new AuditRecord(AuditKind.ToolCall, Name, action, AuditOutcome.Success)
        {
            Actor = AuditActorScope.Current ?? AuditActor.LocalUser(),
            ClientId = AuditActorScope.CurrentClientId,
            PatientId = PatientOf(arguments),
        };

        object? result;
        try
        {
            result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await sink.RecordAsync(record with { Outcome = AuditOutcome.SeriousFailure, OutcomeDetail = "exception" }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var text = result switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            JsonElement element => element.GetRawText(),
            _ => result?.ToString(),
        };
        var failed = text is not null && text.StartsWith("{\"error\"", StringComparison.Ordinal);
        await sink.RecordAsync(
            record with
            {
                Outcome = failed ? AuditOutcome.MinorFailure : AuditOutcome.Success,
                OutcomeDetail = failed ? "error" : null,
                Resources = failed ? [] : AuditReferences.Find(text),
            },
            CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private static string? PatientOf(AIFunctionArguments arguments)
    {
        if (!arguments.TryGetValue("patient_id", out var value) || value is null)
            return null;
        var id = value is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : value as string ?? value.ToString();
        // Tools take a bare id or a Patient/ reference.
        return id is { Length: > 0 } ? (id.StartsWith("Patient/", StringComparison.Ordinal) ? id["Patient/".Length..] : id) : null;
    }
}
