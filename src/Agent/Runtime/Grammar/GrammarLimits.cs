namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>How far the grammar spells bounds out.</summary>
/// <param name="MaxStringLength">The cap on a string argument whose schema sets no <c>maxLength</c> (characters), so
/// that every call closes inside the output budget. <c>Model:MaxStringArgumentLength</c>.</param>
/// <param name="MaxExpandedRepetition">Above this, <c>maxItems</c> is left to the validator: llama.cpp expands a
/// bounded repetition into one rule per step.</param>
public sealed record GrammarLimits(int MaxStringLength = GrammarLimits.DefaultMaxStringLength, int MaxExpandedRepetition = 1000)
{
    /// <summary>The default cap on an unbounded string argument.</summary>
    public const int DefaultMaxStringLength = 300;

    /// <summary>The defaults.</summary>
    public static GrammarLimits Default { get; } = new();
}
