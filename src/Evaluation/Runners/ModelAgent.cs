using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Transcripts;
using ClinicalAgent.Fhir;
using ClinicalAgent.Imaging;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Our agent on a task: <see cref="ClinicalAgentRunner"/> over the given chat client (the local model runtime in
/// practice) with our typed tools in recording mode. The question is the task's instruction and context
/// (<c>prompts/bench-question.md</c>); the system prompt (<c>prompts/bench-agent.md</c>) asks the model to end with
/// <c>FINISH([...])</c>, which <see cref="AnswerParser"/> reads leniently. The image tools ask the same model, and
/// <paramref name="classifier"/> when there is one.
/// </summary>
public sealed class ModelAgent(IFhirGateway gateway, IChatClient client, AgentRunOptions? options = null, string name = "model",
    IZeroShotImageClassifier? classifier = null) : IBenchAgent
{
    /// <summary>The system prompt file of benchmark runs.</summary>
    public const string SystemPrompt = "bench-agent";

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        using var session = new BenchToolSession(gateway, task.EffectiveNow, client, classifier);
        var question = BenchQuestion.For(task);
        // A recorder per task keeps the conversation as the model saw it for the result file (bench export).
        var recorder = new TranscriptRecorder(client);
        var run = new AgentRunOptions
        {
            SystemPrompt = SystemPrompt,
            MaxSteps = options?.MaxSteps ?? 8,
            RequireToolFirst = options?.RequireToolFirst ?? false,
            ChatOptions = options?.ChatOptions?.Clone(),
        };
        var answer = await new ClinicalAgentRunner(recorder).AskAsync(question, session.Functions, run, cancellationToken).ConfigureAwait(false);
        var list = answer.StoppedReason == AgentStoppedReason.Answered ? AnswerParser.Parse(answer.Text) : null;
        var steps = answer.Trace.Select(s => s.Kind == AgentStepKind.Model
            ? new BenchStep("model", null, null, s.ElapsedMs, s.InputTokens, s.OutputTokens)
            : new BenchStep("tool", s.ToolName, s.ArgumentsJson, s.ElapsedMs, Error: s.Error)).ToList();
        var stopped = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(answer.StoppedReason.ToString());
        // A final answer without a list is the typed-tool equivalent of MedAgentBench's invalid action.
        var invalid = answer.StoppedReason == AgentStoppedReason.Answered && list is null;
        return new TaskRun(answer.Text, list, session.Posts, steps, stopped, invalid, recorder.Transcript());
    }
}
