using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>Our profile: <see cref="TaskGrader"/>, a pure function of the task's expected outcome, the answer list and the writes.</summary>
public sealed class ClinicalAgentGrader : ITaskGrader
{
    /// <inheritdoc/>
    public GradingProfile Profile => GradingProfile.ClinicalAgent;

    /// <inheritdoc/>
    public Task<ProfileVerdict> GradeAsync(BenchTask task, TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(run);
        var grade = task.Expected is null
            ? new Grade(false, ["The task has no expected outcome, so it cannot be graded."])
            : TaskGrader.Grade(task, run.Answer, run.Posts, run.AnswerText);
        return Task.FromResult(new ProfileVerdict(GradingProfiles.Name(Profile), grade.Passed, grade.Failures,
            grade.Failures.FirstOrDefault() ?? "all rules held"));
    }
}
