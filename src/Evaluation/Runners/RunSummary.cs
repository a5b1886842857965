namespace ClinicalAgent.Evaluation.Runners;

/// <summary>What one <see cref="BenchRunner.RunAsync"/> call did.</summary>
/// <param name="Total">Tasks in the task file.</param>
/// <param name="Skipped">Tasks already finished in the folder (resumed).</param>
/// <param name="Ran">Tasks run now.</param>
/// <param name="Passed">Of the tasks run now, those that passed.</param>
/// <param name="Errors">Of the tasks run now, those where the agent failed with an error.</param>
public sealed record RunSummary(int Total, int Skipped, int Ran, int Passed, int Errors)
{
    /// <summary>The grading profile that decided <see cref="Passed"/> (<c>both</c>: ours, with the official kept beside it).</summary>
    public string Grader { get; init; } = Grading.GradingProfiles.Default;

    /// <summary>Of the tasks run now, those each profile passed, by profile name.</summary>
    public IReadOnlyDictionary<string, int> PassedByProfile { get; init; } = new Dictionary<string, int>();
}
