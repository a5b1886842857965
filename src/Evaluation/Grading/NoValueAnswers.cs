using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>
/// What our profile accepts as a "no value" answer is what the task's context says: <c>[-1]</c> where it says "or
/// [-1] if none", and <c>[]</c> only where it says <see cref="EmptyAccepted"/> (the check-only action categories 5 and
/// 9 of our generated sets). A context without the sentence, such as MedAgentBench's own, gets no such allowance.
/// </summary>
internal static class NoValueAnswers
{
    /// <summary>The sentence of a context that lets <c>[]</c> stand for the answer.</summary>
    public const string EmptyAccepted = "[] is also accepted";

    /// <summary>Whether the context of <paramref name="task"/> accepts <c>[]</c>.</summary>
    public static bool AcceptsEmpty(BenchTask task) => task.Context.Contains(EmptyAccepted, StringComparison.Ordinal);
}
