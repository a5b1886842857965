using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>The Markdown of <c>explain.md</c>: per category which decision was decisive, the hint's agreement, each task's replays.</summary>
public static class ExplainMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ExplainReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Decisive steps: {report.Agent}{(report.Model is { } model ? $" ({model})" : "")}\n");
        text.AppendLine(string.Create(Inv, $"Counterfactual replay of {report.Tasks.Count} of {report.Failed} failed tasks, at most {report.Budget} replays each: the run's decisions ")
            + "up to a departure from the oracle kept, the oracle's decision made there, the same agent continuing, graded again. "
            + "The decisive step is the earliest substitution that makes the task pass.\n");
        if (report.Sampling is { } sampling)
            text.AppendLine("Sampling: " + sampling + "\n");
        text.AppendLine(Summary(report)).AppendLine();
        text.AppendLine("| category | explained | " + string.Join(" | ", DecisionKind.All.Select(DecisionKind.Label)) + " | not attributable | hint agrees |");
        text.AppendLine("|---" + string.Concat(Enumerable.Repeat("|---", DecisionKind.All.Count + 3)) + "|");
        foreach (var category in report.Categories)
        {
            var kinds = DecisionKind.All.Select(k => category.ByDecision.TryGetValue(k, out var n) ? n.ToString(Inv) : "0");
            var name = TaskCategory.Names.TryGetValue(category.Category, out var described) ? described : "";
            text.AppendLine(Inv, $"| {category.Category} {name} | {category.Explained} | {string.Join(" | ", kinds)} | {category.NotAttributable} | {category.HintAgrees} of {category.Attributable} |");
        }

        text.AppendLine("\n## Tasks\n");
        text.AppendLine("| task | first departure (hint) | decisive step | decision | replays | model calls | tokens |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var task in report.Tasks)
        {
            var decisive = task.DecisiveStep is { } step ? step.ToString(Inv) : task.Untried > 0 ? $"not attributable within the budget ({task.Untried} untried)" : "not attributable";
            var kind = task.Decision is { } decision ? DecisionKind.Label(decision) : "";
            text.AppendLine(Inv, $"| {task.TaskId} | step {task.FirstDepartureStep}: {Cell(task.FirstDeparture)} | {decisive} | {kind} | {task.Replays.Count} | {task.Replays.Sum(r => r.ModelCalls)} | {task.Replays.Sum(r => r.InputTokens + r.OutputTokens)} |");
        }

        return text.ToString();
    }

    /// <summary>The figures in one paragraph (the console prints it too).</summary>
    public static string Summary(ExplainReport report)
    {
        var agreement = report.AgreementInterval is { } interval
            ? $"the first-departure hint names the decisive step in {report.HintAgrees} of {report.Attributable} ({100.0 * report.HintAgrees / report.Attributable:0.0}%, 95% interval {interval.ToPercentText()})"
            : "no task was attributable, so the hint's agreement is undefined";
        var kinds = report.Tasks.Where(t => t.Decision is not null).GroupBy(t => t.Decision!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{DecisionKind.Label(g.Key)} {g.Count()}");
        return string.Create(Inv, $"Attributable: {report.Attributable} of {report.Tasks.Count} ({string.Join(", ", kinds.DefaultIfEmpty("none"))}); not attributable: {report.Tasks.Count - report.Attributable}; ")
            + agreement + string.Create(Inv, $". Cost: {report.Replays} replays, {report.ModelCalls} model calls, {report.Tokens} tokens, {report.WallMs / 1000:0.0} s.");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
