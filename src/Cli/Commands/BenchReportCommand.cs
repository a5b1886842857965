using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Reporting;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>bench report DIR</c>: report.md, report.html and categories.svg for a run folder.</summary>
public static class BenchReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("dir") { Description = "The run folder (bench run --out)." };
        var command = new Command("report", "Write a Markdown and HTML report (success per category, costs, published numbers, failures) for a run.") { folder };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var dir = parse.GetValue(folder)!;
            var report = BenchReport.Load(dir);
            var paths = ReportWriter.Write(dir, report);
            var overall = report.Overall;
            await context.Output.WriteLineAsync(report.RepeatCount == 1
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{report.Manifest?.Agent ?? "run"}: {overall.Passed}/{overall.Tasks} tasks passed ({overall.Percent:0.0}%), 95% CI {overall.Interval.ToPercentText()}; query {report.Query.Percent:0.0}%, action {report.Action.Percent:0.0}%; graded {report.Grader}.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{report.Manifest?.Agent ?? "run"}: {overall.Tasks} tasks × {report.RepeatCount} repeats: pass@1 {overall.Percent:0.0}% (95% CI {overall.Interval.ToPercentText()}), pass^{report.RepeatCount} {100 * overall.PassHatKRate:0.0}% (95% CI {overall.PassHatKInterval!.ToPercentText()}); graded {report.Grader}.")).ConfigureAwait(false);
            foreach (var path in paths)
                await context.Output.WriteLineAsync(Path.GetFullPath(path)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
