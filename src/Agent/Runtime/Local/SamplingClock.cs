namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Where one member's sampling time went in a step: copying the logits into candidates, the sampler chain, and the
/// grammar. Each member has its own; the scheduler adds them up after the step.
/// </summary>
internal sealed class SamplingClock
{
    /// <summary>Copying a row of logits into the vocabulary-sized candidate array.</summary>
    public TimeSpan Copy { get; set; }

    /// <summary>The chain without the grammar: bias, top-k, top-p, min-p, temperature, the draw.</summary>
    public TimeSpan Chain { get; set; }

    /// <summary>The grammar's checks: of one token, of the top-k, or of the whole vocabulary.</summary>
    public TimeSpan Grammar { get; set; }

    /// <summary>Samples for which neither the pick nor the top-k passed, so the grammar checked the whole vocabulary.</summary>
    public int FullGrammar { get; set; }

    /// <summary>Tokens the grammar checked on those samples: the whole vocabulary each, or the levels' checks.</summary>
    public long GrammarChecks { get; set; }

    /// <summary>Starts again at zero for the next step.</summary>
    public void Reset()
    {
        Copy = Chain = Grammar = TimeSpan.Zero;
        FullGrammar = 0;
        GrammarChecks = 0;
    }
}
