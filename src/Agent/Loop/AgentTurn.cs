using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Loop;

/// <summary>The state of one question of a conversation: its messages, the trace and the repeat counts.
/// Used once, by <see cref="AgentConversation"/>.</summary>
internal sealed class AgentTurn(
    IChatClient client,
    AgentRunOptions options,
    IReadOnlyDictionary<string, AIFunction> tools,
    ConversationHistory history,
    AgentTurnObserver? observer,
    ILogger logger,
    TimeProvider time,
    string conversationId)
{
    private readonly List<ChatMessage> _messages = [];
    private readonly List<AgentStep> _trace = [];
    private readonly RepeatedCallTracker _repeats = new();

    /// <summary>Runs the turn inside an <c>invoke_agent</c> span (its model calls and tool calls are its children).</summary>
    public async Task<AgentAnswer> RunAsync(string question, CancellationToken cancellationToken)
    {
        using var activity = AgentTelemetry.StartInvokeAgent(options.SystemPrompt, conversationId, client, options.ChatOptions);
        try
        {
            var answer = await RunTurnAsync(question, cancellationToken).ConfigureAwait(false);
            var models = _trace.Where(s => s.Kind == AgentStepKind.Model).ToList();
            AgentTelemetry.TurnEnded(activity, answer.StoppedReason, models.Count, SumOrNull(models.Select(s => s.InputTokens)), SumOrNull(models.Select(s => s.OutputTokens)));
            return answer;
        }
        catch (Exception ex)
        {
            AgentTelemetry.Failed(activity, ex.GetType().FullName ?? ex.GetType().Name);
            throw;
        }
    }

    private static long? SumOrNull(IEnumerable<long?> values)
    {
        long? sum = null;
        foreach (var value in values)
        {
            if (value is { } v)
                sum = (sum ?? 0) + v;
        }

        return sum;
    }

    private async Task<AgentAnswer> RunTurnAsync(string question, CancellationToken cancellationToken)
    {
        AgentLog.RunStarted(logger, tools.Count, options.MaxSteps, options.PatientId);
        AgentLog.Question(logger, question);
        _messages.Add(new ChatMessage(ChatRole.User, question));
        var chatOptions = options.ChatOptions?.Clone() ?? new ChatOptions();
        chatOptions.Tools = [.. tools.Values];
        chatOptions.ToolMode = tools.Count == 0 ? ChatToolMode.None : ChatToolMode.Auto;

        try
        {
            for (var step = 1; ; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stepOptions = chatOptions.Clone();
                if (tools.Count > 0 && step == 1 && options.RequireToolFirst)
                    stepOptions.ToolMode = ChatToolMode.RequireAny;
                var response = await CallModelAsync(step, stepOptions, cancellationToken).ConfigureAwait(false);
                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                // A reply cut off by the output budget is half a tool call or half an answer; neither may pass as an answer.
                if (calls.Count == 0 && response.FinishReason == ChatFinishReason.Length)
                    return Finish($"Stopped: the model's reply was cut off at the output limit before it finished (raise the output token limit).", AgentStoppedReason.Truncated);
                if (calls.Count == 0)
                    return Finish(response.Text, AgentStoppedReason.Answered);
                var last = step >= options.MaxSteps;
                // The last step may still answer through the answer tool; its other calls would need another step.
                if (last)
                    calls = [.. calls.Where(c => c.Name == options.AnswerTool)];
                if (last && calls.Count == 0)
                    return StepLimit(step);

                var results = new List<AIContent>(calls.Count);
                string? answer = null;
                foreach (var call in calls)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = await RunToolAsync(step, call, cancellationToken).ConfigureAwait(false);
                    if (outcome is null)
                        return Finish($"Stopped: the model asked for {call.Name} with the same arguments {RepeatedCallTracker.StopAt} times.", AgentStoppedReason.RepeatedCalls);
                    results.Add(outcome.Result);
                    // The answer tool ends the run once it succeeds; calls after it in the same reply are not run.
                    if (options.AnswerTool is { } answerTool && call.Name == answerTool && outcome.Error is null)
                    {
                        answer = outcome.Text;
                        break;
                    }
                }

                _messages.Add(new ChatMessage(ChatRole.Tool, results));
                if (answer is not null)
                    return Finish(answer, AgentStoppedReason.Answered);
                if (last)
                    return StepLimit(step);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish("Cancelled before a final answer.", AgentStoppedReason.Cancelled);
        }
    }

    private async Task<ChatResponse> CallModelAsync(int step, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var response = await SendAsync(chatOptions, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        _messages.AddRange(response.Messages);

        var usage = response.Usage;
        var callCount = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count();
        AgentLog.ModelReplied(logger, step, callCount, elapsed, usage?.InputTokenCount, usage?.OutputTokenCount, usage?.CachedInputTokenCount);
        Record(new AgentStep(step, AgentStepKind.Model, null, null, response.Text.Length,
            usage?.InputTokenCount, usage?.OutputTokenCount, usage?.CachedInputTokenCount, elapsed));
        return response;
    }

    /// <summary>One model call, streamed when someone watches the answer; the oldest turns make way when the
    /// conversation outgrows the context.</summary>
    private async Task<ChatResponse> SendAsync(ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A fresh list each call: the client may keep what it was given, and the turn keeps appending.
            var messages = history.Compose(_messages);
            try
            {
                if (observer?.AnswerText is not { } answerText)
                    return await client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);

                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false))
                {
                    updates.Add(update);
                    foreach (var text in update.Contents.OfType<TextContent>())
                    {
                        if (text.Text.Length > 0)
                            answerText(text.Text);
                    }
                }

                return updates.ToChatResponse();
            }
            catch (ContextOverflowException) when (history.DropOldest())
            {
                AgentLog.HistoryTrimmed(logger, history.TurnCount);
            }
        }
    }

    /// <summary>Runs or refuses <paramref name="call"/>; null when the run must stop for repeats.</summary>
    private async Task<ToolOutcome?> RunToolAsync(int step, FunctionCallContent call, CancellationToken cancellationToken)
    {
        var arguments = RepeatedCallTracker.ArgumentsJson(call);
        var count = _repeats.Record(call, arguments);
        var started = time.GetTimestamp();
        ToolOutcome outcome;
        if (count >= RepeatedCallTracker.StopAt)
        {
            AgentLog.RepeatedCall(logger, step, call.Name, count);
            Record(new AgentStep(step, AgentStepKind.Tool, call.Name, arguments, 0, null, null, null, 0, Executed: false, Error: "repeated call; run stopped"));
            return null;
        }

        if (count >= RepeatedCallTracker.RefuseFrom)
        {
            AgentLog.RepeatedCall(logger, step, call.Name, count);
            var reminder = PromptLibrary.Render("repeated-call", new Dictionary<string, string> { ["tool"] = call.Name }).Trim();
            outcome = ToolInvoker.Failed(call, reminder, executed: false);
        }
        else
        {
            outcome = await ToolInvoker.InvokeAsync(call, tools, history.ReturnedIds, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        if (outcome.Error is null)
        {
            // Only what a tool really returned can be cited; ids in error text may echo the model's own guesses.
            history.ReturnedIds.UnionWith(ResourceIds.Find(outcome.Text));
            AgentLog.ToolReturned(logger, step, call.Name, call.CallId, outcome.Text.Length, elapsed);
        }
        else
        {
            AgentLog.ToolFailed(logger, step, call.Name, call.CallId, outcome.Result.Exception?.GetType().Name ?? (outcome.Executed ? "error" : "not executed"));
        }

        AgentLog.ToolResult(logger, call.Name, outcome.Text);
        Record(new AgentStep(step, AgentStepKind.Tool, call.Name, arguments, outcome.Text.Length, null, null, null, elapsed, outcome.Executed, outcome.Error, outcome.SchemaViolation));
        return outcome;
    }

    private void Record(AgentStep step)
    {
        _trace.Add(step);
        observer?.StepCompleted?.Invoke(step);
    }

    private AgentAnswer StepLimit(int step) =>
        Finish($"Stopped after {step} steps without a final answer (step limit {options.MaxSteps}).", AgentStoppedReason.StepLimit);

    private AgentAnswer Finish(string text, AgentStoppedReason reason)
    {
        // Only an answered turn joins the history: the others may end on a tool call with no result.
        if (reason == AgentStoppedReason.Answered)
            history.Add(_messages);
        var citations = ResourceIds.Find(text).Where(history.ReturnedIds.Contains).ToList();
        AgentLog.RunEnded(logger, reason, _trace.Count(s => s.Kind == AgentStepKind.Model), citations.Count);
        AgentLog.Answer(logger, text);
        return new AgentAnswer(text, citations, [.. _trace], reason);
    }
}
