using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;

namespace ClinicalAgent.Cli.Chat;

/// <summary>The slash commands of the <c>chat</c> REPL.</summary>
internal sealed class ChatCommands(ChatSession session, CliContext context, ApprovalDesk desk)
{
    /// <summary>Runs one command line; false when the REPL should end.</summary>
    public async Task<bool> RunAsync(string line, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1] : null;
        switch (parts[0].ToLowerInvariant())
        {
            case "/exit" or "/quit":
                return false;
            case "/help":
                await context.Output.WriteLineAsync(Help).ConfigureAwait(false);
                break;
            case "/patient":
                await PatientAsync(argument, cancellationToken).ConfigureAwait(false);
                break;
            case "/new":
                session.StartOver();
                await context.Output.WriteLineAsync("Started a new conversation.").ConfigureAwait(false);
                break;
            case "/trace":
                await TraceAsync(argument).ConfigureAwait(false);
                break;
            case "/pending":
                if (desk.Pending.Count == 0)
                    await context.Output.WriteLineAsync("No write is waiting for approval.").ConfigureAwait(false);
                foreach (var pending in desk.Pending)
                    await desk.ShowAsync(pending, "").ConfigureAwait(false);
                break;
            case "/approve":
                await ApproveAsync(argument, cancellationToken).ConfigureAwait(false);
                break;
            case "/reject":
                // "/reject REASON…" with one proposal waiting, or "/reject ID REASON…".
                var named = argument is not null && desk.Pending.Any(p => string.Equals(p.Id, argument, StringComparison.OrdinalIgnoreCase));
                var reason = named ? (parts.Length > 2 ? parts[2] : "") : line["/reject".Length..].Trim();
                await desk.RejectAsync(named ? argument : null, reason).ConfigureAwait(false);
                break;
            default:
                await context.Output.WriteLineAsync($"Unknown command {parts[0]}. {Help}").ConfigureAwait(false);
                break;
        }

        return true;
    }

    private const string Help =
        "Commands: /patient [ID] (show or switch the patient; starts a new conversation), /new (forget the conversation), " +
        "/trace [FILE] (the last answer's steps, or write them as JSON), /pending, /approve [ID], /reject [ID] [REASON], /exit. " +
        "Anything else is a question. Ctrl+C cancels the answer being written.";

    private async Task PatientAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            await context.Output.WriteLineAsync(session.PatientId is { } current ? $"Patient: {current}." : "No patient chosen; /patient ID chooses one.").ConfigureAwait(false);
            return;
        }

        try
        {
            await session.SwitchPatientAsync(id, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Patient: {id}. Started a new conversation.").ConfigureAwait(false);
        }
        catch (FhirGatewayException ex)
        {
            await context.Output.WriteLineAsync($"error: {ex.Message} The patient stays {session.PatientId ?? "unset"}.").ConfigureAwait(false);
        }
    }

    private async Task TraceAsync(string? path)
    {
        if (session.LastAnswer is not { } answer)
        {
            await context.Output.WriteLineAsync("No answer yet.").ConfigureAwait(false);
            return;
        }

        if (path is not null)
        {
            AgentTraceWriter.WriteJson(answer, path);
            await context.Output.WriteLineAsync($"Trace written to {Path.GetFullPath(path)}.").ConfigureAwait(false);
            return;
        }

        foreach (var step in answer.Trace)
        {
            var line = step.Kind == AgentStepKind.Model
                ? string.Create(CultureInfo.InvariantCulture, $"{step.Number,2} model  {Tokens(step)}{step.ElapsedMs:F0} ms")
                : string.Create(CultureInfo.InvariantCulture, $"{step.Number,2} tool   {step.ToolName} {step.ArgumentsJson} → {(step.Error is null ? $"{step.ResultChars} chars" : "error: " + step.Error)}, {step.ElapsedMs:F0} ms");
            await context.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync($"{answer.StoppedReason}; cited {(answer.Citations.Count == 0 ? "nothing" : string.Join(", ", answer.Citations))}.").ConfigureAwait(false);
    }

    // Servers that stream without usage report no token counts; say nothing rather than blanks.
    private static string Tokens(AgentStep step) => step.InputTokens is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{step.InputTokens} tokens in ({step.CachedTokens ?? 0} cached), {step.OutputTokens} out, ");

    private async Task ApproveAsync(string? id, CancellationToken cancellationToken)
    {
        try
        {
            await desk.ApproveAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex)
        {
            await context.Output.WriteLineAsync($"error: {ex.Message} The write stays pending.").ConfigureAwait(false);
        }
    }
}
