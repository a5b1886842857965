using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>The figures of one run folder: success overall, per category, query versus action, and the costs per task.
/// Over repeats the scores are pass@1 and pass^k per task and the costs are means over every try.</summary>
public sealed record BenchReport(
    RunManifest? Manifest,
    IReadOnlyList<TaskResult> Results,
    CategoryScore Overall,
    CategoryScore MedAgentBenchCategories,
    CategoryScore Images,
    IReadOnlyList<CategoryScore> Categories,
    CategoryScore Query,
    CategoryScore Action,
    CategoryScore ActionBranches,
    CategoryScore NoActionBranches,
    double InvalidActionPercent,
    double MeanModelSteps,
    double MeanToolCalls,
    double MeanInputTokens,
    double MeanOutputTokens,
    double MeanWallMs,
    double ModelSharePercent,
    double ToolSharePercent,
    IReadOnlyList<IReadOnlyList<TaskResult>>? Repeats = null)
{
    /// <summary>The grading profile of the run (<c>clinicalagent</c> for folders written before profiles).</summary>
    public string Grader => ProfileSections.GraderOf(this);

    /// <summary>Repeats of the run (1 for a single run).</summary>
    public int RepeatCount => Repeats?.Count ?? 1;

    /// <summary>Tries that ended on an invalid action.</summary>
    public int InvalidActions => Results.Count(r => r.InvalidAction);

    /// <summary>Reads a run folder's results and computes the figures.</summary>
    public static BenchReport Load(string runFolder)
    {
        var repeats = RepeatFolders.ReadAll(runFolder);
        if (repeats.All(r => r.Count == 0))
            throw new InvalidDataException($"{Path.GetFullPath(runFolder)} has no finished tasks yet.");
        return From(RepeatFolders.Manifest(runFolder), repeats);
    }

    /// <summary>The figures of a repeated run: each list is one repeat's results.</summary>
    public static BenchReport From(RunManifest? manifest, IReadOnlyList<IReadOnlyList<TaskResult>> repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Count == 1)
            return From(manifest, repeats[0]);
        var all = repeats.SelectMany(r => r).ToList();
        var single = From(manifest, all);
        CategoryScore Rescore(CategoryScore pooled, Func<TaskResult, bool> member) => RepeatedScore(pooled.Label, all.Where(member), repeats.Count);
        return single with
        {
            Overall = Rescore(single.Overall, _ => true),
            MedAgentBenchCategories = Rescore(single.MedAgentBenchCategories, r => !TaskCategory.IsImage(r.Category)),
            Images = Rescore(single.Images, r => TaskCategory.IsImage(r.Category)),
            Categories = [.. all.GroupBy(r => r.Category).OrderBy(g => g.Key)
                .Select(g => RepeatedScore($"{g.Key}. {TaskCategory.Names.GetValueOrDefault(g.Key, "?")}", g, repeats.Count))],
            Query = Rescore(single.Query, r => !TaskCategory.IsAction(r.Category) && !TaskCategory.IsImage(r.Category)),
            Action = Rescore(single.Action, r => TaskCategory.IsAction(r.Category)),
            ActionBranches = Rescore(single.ActionBranches, r => r.ExpectedAction),
            NoActionBranches = Rescore(single.NoActionBranches, r => TaskCategory.IsAction(r.Category) && !r.ExpectedAction),
            Repeats = repeats,
        };
    }

    /// <summary>pass@1 and pass^k of a group from every try of its tasks.</summary>
    private static CategoryScore RepeatedScore(string label, IEnumerable<TaskResult> tries, int repeats)
    {
        var perTask = tries.GroupBy(r => r.TaskId, StringComparer.Ordinal).Select(g => (Successes: g.Count(r => r.Passed), Tries: g.Count())).ToList();
        return new CategoryScore(label, perTask.Count, perTask.Sum(t => t.Successes))
        {
            Repeats = repeats,
            PassAt1Rate = Statistics.PassHatK.PassAt1(perTask),
            PassHatKRate = Statistics.PassHatK.Mean(perTask, repeats),
        };
    }

    /// <summary>The figures of <paramref name="results"/>.</summary>
    public static BenchReport From(RunManifest? manifest, IReadOnlyList<TaskResult> results)
    {
        CategoryScore Score(string label, IEnumerable<TaskResult> group)
        {
            var list = group.ToList();
            return new CategoryScore(label, list.Count, list.Count(r => r.Passed));
        }

        var categories = results.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => Score($"{g.Key}. {TaskCategory.Names.GetValueOrDefault(g.Key, "?")}", g)).ToList();
        var wall = results.Sum(r => r.WallMs);
        return new BenchReport(
            manifest,
            results,
            Score("all tasks", results),
            Score("MedAgentBench categories (1–10)", results.Where(r => r.Category <= TaskCategory.LastMedAgentBench)),
            Score("image categories (11, 12)", results.Where(r => TaskCategory.IsImage(r.Category))),
            categories,
            Score("query categories (1, 2, 4, 6, 7)", results.Where(r => r.Category <= TaskCategory.LastMedAgentBench && !TaskCategory.IsAction(r.Category))),
            Score("action categories (3, 5, 8, 9, 10)", results.Where(r => TaskCategory.IsAction(r.Category))),
            Score("tasks whose right outcome writes", results.Where(r => r.ExpectedAction)),
            Score("action-category tasks whose right outcome writes nothing", results.Where(r => TaskCategory.IsAction(r.Category) && !r.ExpectedAction)),
            100.0 * results.Count(r => r.InvalidAction) / results.Count,
            results.Average(r => r.Steps.Count(s => s.Kind == "model")),
            results.Average(r => r.Steps.Count(s => s.Kind is "tool" or "get" or "post")),
            results.Average(r => (double)r.InputTokens),
            results.Average(r => (double)r.OutputTokens),
            results.Average(r => r.WallMs),
            wall == 0 ? 0 : 100.0 * results.Sum(r => r.ModelMs) / wall,
            wall == 0 ? 0 : 100.0 * results.Sum(r => r.ToolMs) / wall);
    }
}
