using System.CommandLine;
using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>bench compare DIR1 DIR2</c>: two runs task by task, as Markdown on stdout, with a paired test per category
/// (exact McNemar for single runs, a seeded paired bootstrap where either run has repeats).</summary>
public static class BenchCompareCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("dir1") { Description = "Run A." };
        var second = new Argument<string>("dir2") { Description = "Run B." };
        var resamples = new Option<int>("--resamples") { Description = "Paired-bootstrap resamples (runs with repeats).", DefaultValueFactory = _ => PairedBootstrap.DefaultResamples };
        var seed = new Option<int>("--bootstrap-seed") { Description = "Paired-bootstrap seed (runs with repeats).", DefaultValueFactory = _ => PairedBootstrap.DefaultSeed };
        var command = new Command("compare", "Show two runs' outcomes task by task and per category, with a paired significance test per category.") { first, second, resamples, seed };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var a = parse.GetValue(first)!;
            var b = parse.GetValue(second)!;
            if (parse.GetValue(resamples) < 1)
                throw new ArgumentException("--resamples must be at least 1.");
            var text = RunComparison.Render(Path.GetFileName(Path.GetFullPath(a)), RepeatFolders.ReadAll(a), Path.GetFileName(Path.GetFullPath(b)), RepeatFolders.ReadAll(b),
                new PairedBootstrap(parse.GetValue(resamples), parse.GetValue(seed)));
            await context.Output.WriteAsync(text).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
