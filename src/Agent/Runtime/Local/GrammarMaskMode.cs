namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>How a reply's grammar masks the whole vocabulary when the cheap checks fail (<see cref="ReplySampler"/>).</summary>
internal enum GrammarMaskMode
{
    /// <summary>By levels of the token forest (<see cref="LevelGrammarMask"/>): the same mask, far fewer checks.</summary>
    Levels,

    /// <summary>Every token checked, as llama.cpp's grammar sampler does: kept to compare against.</summary>
    Full,
}
