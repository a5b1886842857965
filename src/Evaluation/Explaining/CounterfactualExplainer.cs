using System.Diagnostics;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// Counterfactual replay of a run's failed tasks: for each departure from the oracle, earliest first, keep the run's
/// decisions before it, make the oracle's decision there, let the same agent continue (<paramref name="agentFor"/>
/// over a <see cref="ReplayChatClient"/> on <paramref name="model"/>) and grade again; the first replay that passes
/// names the decisive step. At most <paramref name="budget"/> replays a task. Replays propose writes as the run did
/// (recorded, never made), so every replay starts from the store the run started from.
/// </summary>
/// <param name="model">The run's model, with its seed and settings.</param>
/// <param name="agentFor">The run's agent over a given chat client (the model agent with the run's options).</param>
/// <param name="oracle">The oracle, whose decisions are substituted.</param>
/// <param name="grader">The grader that decided the run's verdicts.</param>
/// <param name="budget">Replays per task, at least 1.</param>
public sealed class CounterfactualExplainer(IChatClient model, Func<IChatClient, IBenchAgent> agentFor, IBenchAgent oracle, ITaskGrader grader, int budget)
{
    /// <summary>Explains the failed tasks among <paramref name="results"/>.</summary>
    /// <param name="results">The run's results (<see cref="ResultFiles.ReadAll"/>).</param>
    /// <param name="tasks">The run's task set.</param>
    /// <param name="maxTasks">Explain at most this many failed tasks, in the run's order; null for all.</param>
    /// <param name="progress">Reports (explained, total) after each task.</param>
    /// <param name="cancellationToken">Stops between replays.</param>
    /// <exception cref="InvalidDataException">A failed task is not in <paramref name="tasks"/>.</exception>
    public async Task<IReadOnlyList<TaskExplanation>> ExplainAsync(IReadOnlyList<TaskResult> results, IReadOnlyList<BenchTask> tasks, int? maxTasks = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        var byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var failed = results.Where(r => !r.Passed).Take(maxTasks ?? int.MaxValue).ToList();
        var explained = new List<TaskExplanation>(failed.Count);
        progress?.Report((0, failed.Count));
        foreach (var result in failed)
        {
            if (!byId.TryGetValue(result.TaskId, out var task))
                throw new InvalidDataException($"Task {result.TaskId} of the run is not in the task file: explain needs the run's own task set.");
            explained.Add(await ExplainAsync(result, task, cancellationToken).ConfigureAwait(false));
            progress?.Report((explained.Count, failed.Count));
        }

        return explained;
    }

    /// <summary>Replays one failed task.</summary>
    public async Task<TaskExplanation> ExplainAsync(TaskResult result, BenchTask task, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var reference = await oracle.RunAsync(task, cancellationToken).ConfigureAwait(false);
        var run = TraceActions.From(result.Steps, result.StoppedReason, result.AnswerText);
        var wanted = TraceActions.From(reference.Steps, reference.StoppedReason, reference.AnswerText);
        var hint = FailureAnalysis.Locate(result.Steps, reference.Steps, result.Failures);
        var substitutions = ActionAlignment.Substitutions(run, wanted);
        var replays = new List<ReplayAttempt>();
        foreach (var substitution in substitutions.Take(budget))
        {
            var attempt = await ReplayAsync(task, run, substitution, cancellationToken).ConfigureAwait(false);
            replays.Add(attempt);
            if (attempt.Passed)
            {
                return new TaskExplanation(task.Id, task.Category, hint.Text, hint.Call + 1, substitution.Step + 1, DecisionClassifier.Classify(substitution, task),
                    replays, 0, watch.Elapsed.TotalMilliseconds);
            }
        }

        return new TaskExplanation(task.Id, task.Category, hint.Text, hint.Call + 1, null, null, replays, substitutions.Count - replays.Count, watch.Elapsed.TotalMilliseconds);
    }

    private async Task<ReplayAttempt> ReplayAsync(BenchTask task, IReadOnlyList<TraceAction> run, Substitution substitution, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var client = new ReplayChatClient(model, ReplayScript.Build(run, substitution));
        TaskRun replay;
        try
        {
            replay = await agentFor(client).RunAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As in the run: the agent failing (a context overflow) is this replay's outcome, a fail.
            replay = new TaskRun($"error: {ex.Message}", null, [], [], "error");
        }

        var verdict = await grader.GradeAsync(task, replay, cancellationToken).ConfigureAwait(false);
        return new ReplayAttempt(substitution.Step + 1, substitution.Oracle.ToString(), substitution.Run?.ToString(), verdict.Passed, verdict.Failures,
            client.ModelCalls, client.InputTokens, client.OutputTokens, watch.Elapsed.TotalMilliseconds);
    }
}
