using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Reporting;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// The benchmark pages' HTML: the list of runs with their headline figures, and one run's (or one repeat's) report.
/// Every figure is a <see cref="CategoryScore"/> of <see cref="BenchReport"/>, the same the CLI report prints: pass@1
/// and pass^k over repeats, with their 95% Wilson intervals counting tasks.
/// </summary>
internal static class BenchmarkHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The runs, each with its repeats, tasks, pass@1 and pass^k (null report: no finished task yet).</summary>
    public static string RunList(IReadOnlyList<(string Run, BenchReport? Report)> runs)
    {
        var html = new StringBuilder("<table data-testid=\"runs\"><caption>Runs</caption><thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Agent</th>")
            .Append("<th scope=\"col\">Repeats</th><th scope=\"col\">Tasks</th><th scope=\"col\">pass@1</th><th scope=\"col\">95% CI</th>")
            .Append("<th scope=\"col\">pass^k</th><th scope=\"col\">95% CI</th></tr></thead><tbody>");
        foreach (var (run, report) in runs)
        {
            html.Append("<tr data-run=\"").Append(Html.E(run)).Append("\"><th scope=\"row\"><a href=\"/app/benchmarks/").Append(Html.U(run)).Append("\">")
                .Append(Html.E(run)).Append("</a></th>");
            if (report is null)
            {
                html.Append("<td colspan=\"7\">no finished tasks yet</td></tr>");
                continue;
            }

            var overall = report.Overall;
            html.Append("<td>").Append(Html.E(report.Manifest?.Agent ?? "?")).Append("</td><td>").Append(report.RepeatCount.ToString(Inv)).Append("</td><td>")
                .Append(overall.Tasks.ToString(Inv)).Append("</td>").Append(Figures(overall)).Append("</tr>");
        }

        return html.Append("</tbody></table><p>pass@1 is the mean success of one try (per task over its repeats); pass^k the chance that all k repeats of a task pass. ")
            .Append("Intervals are 95% Wilson intervals counting tasks, not tries. A single run has no pass^k.</p>").ToString();
    }

    /// <summary>A run's report (<paramref name="repeat"/> null), or one repeat's, with links to the repeats of a repeated run.</summary>
    public static string Report(string run, int? repeat, BenchReport report, IReadOnlyList<int> repeats)
    {
        var html = new StringBuilder("<h1>Benchmark ").Append(Html.E(run));
        if (repeat is { } number)
            html.Append(", repeat ").Append(number.ToString(Inv));
        html.Append("</h1>");
        if (repeat is not null)
            html.Append("<p><a href=\"/app/benchmarks/").Append(Html.U(run)).Append("\">All repeats of ").Append(Html.E(run)).Append("</a></p>");
        if (report.Manifest is { } manifest)
            html.Append("<p>Agent ").Append(Html.E(manifest.Agent)).Append(", model ").Append(Html.E(manifest.Model ?? "none"))
                .Append(manifest.Seed is { } seed ? ", seed " + seed.ToString(Inv) : "")
                .Append(", started ").Append(Html.E(manifest.Started.ToString("o", Inv))).Append("</p>");
        if (repeats.Count > 0)
        {
            html.Append("<p>Repeats: </p><ul data-testid=\"repeats\">");
            foreach (var r in repeats)
                html.Append("<li><a href=\"/app/benchmarks/").Append(Html.U(run)).Append("/repeats/").Append(r.ToString(Inv)).Append("\">repeat ")
                    .Append(r.ToString(Inv)).Append("</a></li>");
            html.Append("</ul>");
        }

        var repeated = report.RepeatCount > 1;
        html.Append("<table data-testid=\"scores\"><caption>Success</caption><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Tasks</th>")
            .Append(repeated ? "<th scope=\"col\">Passing tries</th>" : "<th scope=\"col\">Passed</th>")
            .Append("<th scope=\"col\">").Append(repeated ? "pass@1" : "Success").Append("</th><th scope=\"col\">95% CI</th>")
            .Append(repeated ? string.Create(Inv, $"<th scope=\"col\">pass^{report.RepeatCount}</th><th scope=\"col\">95% CI</th>") : "")
            .Append("</tr></thead><tbody>");
        foreach (var score in new[] { report.Overall, report.Query, report.Action }.Concat(report.Categories))
            html.Append("<tr><th scope=\"row\">").Append(Html.E(score.Label)).Append("</th><td>").Append(score.Tasks.ToString(Inv)).Append("</td><td>")
                .Append(score.Passed.ToString(Inv)).Append("</td>").Append(Figures(score, withPassHatK: repeated)).Append("</tr>");
        html.Append("</tbody></table>");
        if (!repeated)
            html.Append(Tasks(report));
        return html.Append("<details><summary>Full report (Markdown)</summary><pre>").Append(Html.E(MarkdownReport.Render(report))).Append("</pre></details>").ToString();
    }

    /// <summary>pass@1 and its interval, then pass^k and its interval (dashes for a single run).</summary>
    private static string Figures(CategoryScore score, bool withPassHatK = true)
    {
        var html = new StringBuilder("<td>").Append(Percent(score.Rate)).Append("</td><td>").Append(score.Interval.ToPercentText()).Append("</td>");
        if (withPassHatK)
            html.Append("<td>").Append(score.PassHatKRate is { } rate ? Percent(rate) : "—").Append("</td><td>")
                .Append(score.PassHatKInterval?.ToPercentText() ?? "—").Append("</td>");
        return html.ToString();
    }

    /// <summary>Each task of a single run (or one repeat): its verdict and, when it failed, its first failed rule.</summary>
    private static string Tasks(BenchReport report)
    {
        var html = new StringBuilder("<table data-testid=\"tasks\"><caption>Tasks</caption><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Category</th>")
            .Append("<th scope=\"col\">Branch</th><th scope=\"col\">Result</th><th scope=\"col\">First failed rule</th></tr></thead><tbody>");
        foreach (var result in report.Results)
            html.Append("<tr data-task=\"").Append(Html.E(result.TaskId)).Append("\"><th scope=\"row\">").Append(Html.E(result.TaskId)).Append("</th><td>")
                .Append(result.Category.ToString(Inv)).Append("</td><td>").Append(Html.E(result.Branch)).Append("</td><td>").Append(result.Passed ? "pass" : "fail")
                .Append("</td><td>").Append(Html.E(result.Passed ? "" : result.Failures.FirstOrDefault() ?? result.StoppedReason)).Append("</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string Percent(double rate) => (100 * rate).ToString("0.0", Inv) + "%";
}
