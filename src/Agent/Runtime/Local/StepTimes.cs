namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Where the decode scheduler's time went, summed over its steps: <see cref="Decode"/> and <see cref="Sampling"/> on
/// the scheduler's thread, and within sampling <see cref="Copy"/>, <see cref="Chain"/> and <see cref="Grammar"/>.
/// </summary>
/// <param name="Decode">llama.cpp's decode calls (<c>Infer</c>).</param>
/// <param name="Sampling">Sampling the step's members, from the first to the last, log-probabilities included.</param>
/// <param name="Copy">Filling the vocabulary-sized candidate arrays from the logits.</param>
/// <param name="Chain">The sampler chains without the grammar.</param>
/// <param name="Grammar">The grammar's checks.</param>
/// <param name="Samples">Tokens sampled.</param>
/// <param name="FullGrammarSamples">Samples for which the grammar had to mask the whole vocabulary.</param>
/// <param name="GrammarChecks">Tokens the grammar checked for those samples (every token, or the levels' checks).</param>
public readonly record struct StepTimes(
    TimeSpan Decode, TimeSpan Sampling, TimeSpan Copy, TimeSpan Chain, TimeSpan Grammar, long Samples, long FullGrammarSamples,
    long GrammarChecks = 0)
{
    /// <summary>What happened between <paramref name="before"/> and this.</summary>
    public StepTimes Since(StepTimes before) => new(
        Decode - before.Decode, Sampling - before.Sampling, Copy - before.Copy, Chain - before.Chain,
        Grammar - before.Grammar, Samples - before.Samples, FullGrammarSamples - before.FullGrammarSamples,
        GrammarChecks - before.GrammarChecks);
}
