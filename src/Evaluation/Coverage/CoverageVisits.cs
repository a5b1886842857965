using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The cells a task set or a run visits: one per tool call (one <c>none</c> visit for a trajectory that called
/// nothing). A task set is measured by the oracle's calls and the task's expectation (<see cref="OraclePlan"/>); a
/// run by its recorded calls, its answer and its writes, with the record branch of the task it ran.
/// </summary>
public static class CoverageVisits
{
    /// <summary>The visits of the oracle solving every task of a set.</summary>
    public static IReadOnlyList<CoverageCell> ForTasks(IEnumerable<BenchTask> tasks) => [.. tasks.SelectMany(ForTask)];

    /// <summary>The visits of the oracle solving one task.</summary>
    public static IEnumerable<CoverageCell> ForTask(BenchTask task)
    {
        var branch = RecordBranches.Of(task.Category, task.Expected?.Branch);
        var answer = AnswerKinds.OfExpected(task.Expected);
        var write = task.Expected?.Action == true;
        return Cells(OraclePlan.For(task), branch, answer, write);
    }

    /// <summary>The visits of a run's trajectories (every try of every task in <paramref name="results"/>).</summary>
    public static IReadOnlyList<CoverageCell> ForResults(IEnumerable<TaskResult> results) =>
        [.. results.SelectMany(r => ForTrajectory(r.Category, r.Branch, r.Steps, r.Answer, r.Posts.Count > 0))];

    /// <summary>The visits of one trajectory: its tool calls (or protocol GETs and POSTs), its answer and whether it wrote.</summary>
    public static IEnumerable<CoverageCell> ForTrajectory(int category, string? branch, IEnumerable<BenchStep> steps,
        IReadOnlyList<System.Text.Json.JsonElement>? answer, bool wrote)
    {
        var calls = steps.Select(Call).OfType<(string, string)>().ToList();
        return Cells(calls, RecordBranches.Of(category, branch), AnswerKinds.Of(answer), wrote);
    }

    private static IEnumerable<CoverageCell> Cells(IReadOnlyList<(string Tool, string ArgumentKind)> calls, string branch, string answer, bool write) =>
        calls.Count == 0
            ? [new CoverageCell(CoverageCell.NoTool, ArgumentKinds.None, branch, answer, write)]
            : calls.Select(c => new CoverageCell(c.Tool, c.ArgumentKind, branch, answer, write));

    private static (string, string)? Call(BenchStep step) => step.Kind switch
    {
        "tool" when step.Name is not null => (step.Name, ArgumentKinds.OfJson(step.Arguments)),
        "get" when step.Name is not null => ("GET " + ResourceType(step.Name), ArgumentKinds.OfQuery(step.Name)),
        "post" when step.Name is not null => ("POST " + ResourceType(step.Name), ArgumentKinds.Body),
        _ => null,
    };

    /// <summary>The resource type of a FHIR URL: the last path segment before the query.</summary>
    private static string ResourceType(string url)
    {
        var path = url.Split('?', 2)[0].TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }
}
