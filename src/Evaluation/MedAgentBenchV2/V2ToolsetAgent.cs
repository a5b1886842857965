using System.Text.Json;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Transcripts;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.MedAgentBenchV2;

/// <summary>
/// An agent on a task with MedAgentBench v2's typed tools (<see cref="MedAgentBenchV2Tools"/>) instead of ours:
/// <see cref="ClinicalAgentRunner"/> over the chat client, the system prompt <c>prompts/bench-agent-v2.md</c>, and the
/// run ending at the first successful <c>finish</c> call, whose list is the answer. The create tools' bodies are the
/// run's POSTs, so the official graders read a v2 run as they read a v2 history. A run that ends in a text reply
/// without <c>finish</c> answers <c>[]</c>, as v2's harness does, and is marked an invalid action.
/// </summary>
public sealed class V2ToolsetAgent(IFhirGateway gateway, IChatClient client, AgentRunOptions? options = null, string name = V2ToolsetAgent.ModelName) : IBenchAgent
{
    /// <summary>The model agent's name in results with this toolset.</summary>
    public const string ModelName = "model-v2";

    /// <summary>The system prompt file of v2 runs.</summary>
    public const string SystemPrompt = "bench-agent-v2";

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var tools = new MedAgentBenchV2Tools(gateway);
        var recorder = new TranscriptRecorder(client);
        var run = new AgentRunOptions
        {
            SystemPrompt = SystemPrompt,
            MaxSteps = options?.MaxSteps ?? 8,
            RequireToolFirst = options?.RequireToolFirst ?? false,
            ChatOptions = options?.ChatOptions?.Clone(),
            AnswerTool = MedAgentBenchV2Tools.FinishTool,
        };
        var answer = await new ClinicalAgentRunner(recorder).AskAsync(BenchQuestion.For(task), tools.Functions, run, cancellationToken).ConfigureAwait(false);
        var finished = tools.Answer;
        var answeredInText = answer.StoppedReason == AgentStoppedReason.Answered && finished is null;
        IReadOnlyList<JsonElement>? list = finished ?? (answeredInText ? [] : null);
        var steps = answer.Trace.Select(s => s.Kind == AgentStepKind.Model
            ? new BenchStep("model", null, null, s.ElapsedMs, s.InputTokens, s.OutputTokens)
            : new BenchStep("tool", s.ToolName, s.ArgumentsJson, s.ElapsedMs, Error: s.Error)).ToList();
        var stopped = JsonNamingPolicy.SnakeCaseLower.ConvertName(answer.StoppedReason.ToString());
        var posts = tools.Creates.Select(c => new ProposedPost(c.ResourceType, c.Body)).ToList();
        return new TaskRun(answer.Text, list, posts, steps, stopped, answeredInText, recorder.Transcript());
    }
}
