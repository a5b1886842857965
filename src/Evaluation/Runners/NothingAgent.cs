using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Transcripts;
using ClinicalAgent.Fhir;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The do-nothing baseline: answers <c>[]</c> and writes nothing. Its score is how much a benchmark rewards inaction
/// (41.7% on MedAgentBench v2 per "Rethinking MedAgentBench"); every report shows it. Given the records, it also
/// records the transcript of a model that answers <c>FINISH([])</c> at once after the prompt a model agent sees, the
/// inaction failure as a rejected trajectory for <c>bench export</c>.
/// </summary>
public sealed class NothingAgent(IFhirGateway? gateway = null) : IBenchAgent
{
    /// <inheritdoc/>
    public string Name => "nothing";

    /// <inheritdoc/>
    public Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        IReadOnlyList<TranscriptMessage>? transcript = null;
        if (gateway is not null)
        {
            using var session = new BenchToolSession(gateway, task.EffectiveNow);
            transcript = ProtocolTranscript.From(
            [
                new ChatMessage(ChatRole.System, PromptLibrary.Load(ModelAgent.SystemPrompt).Trim()),
                new ChatMessage(ChatRole.User, BenchQuestion.For(task)),
                new ChatMessage(ChatRole.Assistant, "FINISH([])"),
            ], session.Functions);
        }

        return Task.FromResult(new TaskRun("FINISH([])", [], [], [new BenchStep("finish", null, "[]", 0)], "answered", Transcript: transcript));
    }
}
