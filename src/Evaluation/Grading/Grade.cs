namespace ClinicalAgent.Evaluation.Grading;

/// <summary>A grader's verdict: passed, or the rules that failed, each in words.</summary>
internal sealed record Grade(bool Passed, IReadOnlyList<string> Failures)
{
    /// <summary>A verdict from the failures found: passed when there are none.</summary>
    public static Grade From(IReadOnlyList<string> failures) => new(failures.Count == 0, failures);
}
