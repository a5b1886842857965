using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>The figures of one run folder: success overall, per category, query versus action, and the costs per task.</summary>
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
    double ToolSharePercent)
{
    /// <summary>Reads a run folder's results and computes the figures.</summary>
    public static BenchReport Load(string runFolder)
    {
        var results = ResultFiles.ReadAll(runFolder);
        if (results.Count == 0)
            throw new InvalidDataException($"{Path.GetFullPath(runFolder)} has no finished tasks yet.");
        var manifestPath = ResultFiles.ManifestPath(runFolder);
        var manifest = File.Exists(manifestPath)
            ? System.Text.Json.JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(manifestPath), ResultFiles.Json)
            : null;
        return From(manifest, results);
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
