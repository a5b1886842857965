using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>A grading profile as the runner calls it: one verdict per task run.</summary>
public interface ITaskGrader
{
    /// <summary>The profile this grader implements.</summary>
    GradingProfile Profile { get; }

    /// <summary>Grades what the agent did with <paramref name="task"/>; never throws for a bad run, only reports it.</summary>
    Task<ProfileVerdict> GradeAsync(BenchTask task, TaskRun run, CancellationToken cancellationToken);
}
