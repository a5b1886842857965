using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Batching;

/// <summary>Token counts summed over the model calls of one concurrency level (thread-safe: the workers add at once).</summary>
internal sealed class TaskFigures
{
    private readonly Lock _gate = new();

    public long Calls { get; private set; }

    public long OutputTokens { get; private set; }

    public long EvaluatedPromptTokens { get; private set; }

    public long DecodeSteps { get; private set; }

    public long SharedDecodeSteps { get; private set; }

    public void Add(UsageDetails usage)
    {
        lock (_gate)
        {
            Calls++;
            OutputTokens += usage.OutputTokenCount ?? 0;
            EvaluatedPromptTokens += Count(usage, "EvaluatedInputTokens");
            DecodeSteps += Count(usage, "DecodeSteps");
            SharedDecodeSteps += Count(usage, "SharedDecodeSteps");
        }
    }

    private static long Count(UsageDetails usage, string key) =>
        usage.AdditionalCounts is { } counts && counts.TryGetValue(key, out var value) ? value : 0;
}
