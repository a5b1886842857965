using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Folds a run's repeats into one <see cref="TaskOutcome"/> per task, in the order the tasks first appear.</summary>
internal static class TaskOutcomes
{
    public static IReadOnlyDictionary<string, TaskOutcome> Of(IReadOnlyList<IReadOnlyList<TaskResult>> repeats)
    {
        var outcomes = new Dictionary<string, TaskOutcome>(StringComparer.Ordinal);
        foreach (var result in repeats.SelectMany(r => r))
        {
            var failure = result.Passed ? null : result.Failures.FirstOrDefault() ?? result.StoppedReason;
            outcomes[result.TaskId] = outcomes.TryGetValue(result.TaskId, out var known)
                ? known with { Passed = known.Passed + (result.Passed ? 1 : 0), Tries = known.Tries + 1, FirstFailure = known.FirstFailure ?? failure }
                : new TaskOutcome(result.TaskId, result.Category, result.Branch, result.Passed ? 1 : 0, 1, failure);
        }

        return outcomes;
    }
}
