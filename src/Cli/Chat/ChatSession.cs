using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Cli.Chat;

/// <summary>
/// The <c>chat</c> REPL: reads lines from the input; a line is a question for the agent (answered with streaming
/// output, in one conversation so follow-ups work) or a slash command (<c>/help</c> lists them). Cancelling a turn
/// (Ctrl+C, through <see cref="CancelTurn"/>) ends that turn only.
/// </summary>
public sealed class ChatSession(CliContext context, ClinicalAgentRunner runner, ClinicalToolbox tools, ClinicalToolset toolset, IFhirGateway gateway, AgentRunOptions options)
{
    private const string ApproveHint = "Approve with /approve {id}, reject with /reject {id} REASON.";
    private readonly ApprovalDesk _desk = new(tools.Approvals, context.Output);
    private readonly Lock _gate = new();
    private AgentConversation _conversation = runner.StartConversation(toolset.Functions, options);
    private AgentAnswer? _last;
    private CancellationTokenSource? _turn;

    /// <summary>Whether a question is being answered now.</summary>
    public bool TurnRunning
    {
        get
        {
            lock (_gate)
                return _turn is not null;
        }
    }

    /// <summary>Cancels the running turn, if any; true when there was one.</summary>
    public bool CancelTurn()
    {
        lock (_gate)
        {
            if (_turn is null)
                return false;
            _turn.Cancel();
            return true;
        }
    }

    /// <summary>Runs until <c>/exit</c> or the end of the input. Returns the exit code.</summary>
    public async Task<int> RunAsync(string modelName, CancellationToken cancellationToken)
    {
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ClinicalAgent chat: model {modelName}, patient {options.PatientId ?? "(none; /patient ID)"}, writes {tools.Options.WriteApproval.ToString().ToLowerInvariant()}. /help lists commands, Ctrl+C cancels an answer.")).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            await context.Output.WriteAsync("> ").ConfigureAwait(false);
            await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
                break;
            line = line.Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('/'))
            {
                if (!await new ChatCommands(this, context, _desk).RunAsync(line, cancellationToken).ConfigureAwait(false))
                    break;
                continue;
            }

            await AskAsync(line, cancellationToken).ConfigureAwait(false);
        }

        if (tools.Approvals.Pending.Count > 0)
            await context.Error.WriteLineAsync($"{tools.Approvals.Pending.Count} proposed writes were never approved; nothing of them was written.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The last turn's answer, for <c>/trace</c>.</summary>
    internal AgentAnswer? LastAnswer => _last;

    /// <summary>The patient in context.</summary>
    internal string? PatientId => options.PatientId;

    /// <summary>Starts a new conversation about <paramref name="patientId"/> (checked to exist), or about no one.</summary>
    internal async Task SwitchPatientAsync(string? patientId, CancellationToken cancellationToken)
    {
        if (patientId is not null)
            await gateway.ReadAsync("Patient", patientId, cancellationToken).ConfigureAwait(false);
        options.PatientId = patientId;
        StartOver();
    }

    /// <summary>Forgets the conversation so far.</summary>
    internal void StartOver()
    {
        _conversation = runner.StartConversation(toolset.Functions, options);
        _last = null;
    }

    private async Task AskAsync(string question, CancellationToken cancellationToken)
    {
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
            _turn = turn;
        AgentAnswer answer;
        var streamed = false;
        try
        {
            var observer = new AgentTurnObserver
            {
                AnswerText = piece =>
                {
                    streamed = true;
                    context.Output.Write(piece);
                    context.Output.Flush();
                },
                StepCompleted = step => ShowStep(step),
            };
            answer = await _conversation.AskAsync(question, observer, turn.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed turn (the model server down, a prompt past the context) loses that turn, not the session.
            await context.Error.WriteLineAsync($"error: {ex.Message} The question was not answered; the conversation goes on.").ConfigureAwait(false);
            return;
        }
        finally
        {
            lock (_gate)
                _turn = null;
        }

        _last = answer;
        if (answer.StoppedReason == AgentStoppedReason.Answered)
        {
            if (!streamed)
                await context.Output.WriteAsync(answer.Text).ConfigureAwait(false);
            await context.Output.WriteLineAsync().ConfigureAwait(false);
        }
        else
        {
            if (streamed)
                await context.Output.WriteLineAsync().ConfigureAwait(false);
            await context.Error.WriteLineAsync($"[{answer.StoppedReason}] {answer.Text}").ConfigureAwait(false);
        }

        if (answer.Citations.Count > 0)
            await context.Error.WriteLineAsync($"Cited: {string.Join(", ", answer.Citations)}").ConfigureAwait(false);
        if (tools.Options.WriteApproval == ApprovalMode.Ask)
            await _desk.ShowNewAsync(ApproveHint).ConfigureAwait(false);
    }

    private void ShowStep(AgentStep step)
    {
        if (step.Kind != AgentStepKind.Tool)
            return;
        var outcome = step.Error is null ? $"{step.ResultChars} chars" : $"error: {step.Error}";
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  · {step.ToolName} {step.ArgumentsJson} → {outcome} ({step.ElapsedMs:F0} ms)"));
    }
}
