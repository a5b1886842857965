namespace ClinicalAgent.Evaluation.Runners;

/// <summary>What one <see cref="BenchRunner.RunAsync"/> call did.</summary>
/// <param name="Total">Tasks in the task file.</param>
/// <param name="Skipped">Tasks already finished in the folder (resumed).</param>
/// <param name="Ran">Tasks run now.</param>
/// <param name="Passed">Of the tasks run now, those that passed.</param>
/// <param name="Errors">Of the tasks run now, those where the agent failed with an error.</param>
public sealed record RunSummary(int Total, int Skipped, int Ran, int Passed, int Errors);
