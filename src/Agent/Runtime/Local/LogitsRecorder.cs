using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Records, at each sampled position, the sampled token's log-probability and the <see cref="Alternatives"/> most likely
/// tokens, from the raw logits (a log-softmax before temperature, biases and grammar; see <see cref="LogProbabilities"/>).
/// </summary>
/// <param name="alternatives">How many alternatives to keep per position.</param>
internal sealed class LogitsRecorder(int alternatives)
{
    private readonly List<SampledLogits> _positions = [];

    /// <summary>Alternatives kept per position.</summary>
    public int Alternatives { get; } = alternatives;

    /// <summary>Every position recorded so far, in order (the end-of-turn token's included when it was sampled).</summary>
    public IReadOnlyList<SampledLogits> Positions => _positions;

    /// <summary>One pass for the normaliser and the top alternatives, before sampling (the sampler works on its own copy).</summary>
    public Normalised Measure(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
            max = Math.Max(max, logit);
        double sum = 0;
        foreach (var logit in logits)
            sum += Math.Exp(logit - max);
        var logNormaliser = max + (float)Math.Log(sum);

        // A min-heap of the best k so far: its root is the weakest kept.
        var best = new PriorityQueue<int, float>(Alternatives + 1);
        for (var i = 0; i < logits.Length && Alternatives > 0; i++)
        {
            if (best.Count < Alternatives)
                best.Enqueue(i, logits[i]);
            else if (best.TryPeek(out _, out var weakest) && logits[i] > weakest)
                best.EnqueueDequeue(i, logits[i]);
        }

        var top = new (LLamaToken, float)[best.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var id, out var logit);
            top[i] = ((LLamaToken)id, Math.Min(0f, logit - logNormaliser));
        }

        return new Normalised(logNormaliser, top);
    }

    /// <summary>The sampled token's position, not yet kept (the decode scheduler measures; the request's reader keeps).</summary>
    public static SampledLogits Position(Normalised measured, ReadOnlySpan<float> logits, LLamaToken sampled) =>
        new(sampled, Math.Min(0f, logits[(int)sampled] - measured.LogNormaliser), measured.Top);

    /// <summary>Keeps a position measured elsewhere, in sampling order.</summary>
    public void Add(SampledLogits position) => _positions.Add(position);

    /// <summary>The log of the softmax's denominator and the top alternatives of one position.</summary>
    internal readonly record struct Normalised(float LogNormaliser, IReadOnlyList<(LLamaToken Token, float LogProbability)> Top);
}
