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
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.Manifest?.Agent ?? "run"}: {report.Overall.Passed}/{report.Overall.Tasks} tasks passed ({report.Overall.Percent:0.0}%); query {report.Query.Percent:0.0}%, action {report.Action.Percent:0.0}%; graded {report.Grader}.")).ConfigureAwait(false);
            foreach (var path in paths)
                await context.Output.WriteLineAsync(Path.GetFullPath(path)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
