using System.CommandLine;
using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>bench compare DIR1 DIR2</c>: two runs task by task, as Markdown on stdout.</summary>
public static class BenchCompareCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("dir1") { Description = "Run A." };
        var second = new Argument<string>("dir2") { Description = "Run B." };
        var command = new Command("compare", "Show two runs' outcomes task by task and per category.") { first, second };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var a = parse.GetValue(first)!;
            var b = parse.GetValue(second)!;
            var text = RunComparison.Render(Path.GetFileName(Path.GetFullPath(a)), ResultFiles.ReadAll(a), Path.GetFileName(Path.GetFullPath(b)), ResultFiles.ReadAll(b));
            await context.Output.WriteAsync(text).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
