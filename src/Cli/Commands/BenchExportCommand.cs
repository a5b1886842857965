using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Export;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench export RUN… --format dpo|sft --out FILE</c>: tuning data from benchmark runs as TRL-style JSONL (preference
/// pairs of a passing and a failing trajectory of the same task, or passing conversations), in the agent's own protocol.
/// </summary>
public static class BenchExportCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders (bench run --out), single or repeated.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "dpo (prompt, chosen, rejected) or sft (messages).", Required = true };
        var output = new Option<string>("--out") { Description = "The JSONL file to write.", Required = true };
        var oracle = new Option<string?>("--oracle") { Description = "An oracle run folder (bench run --agent oracle): its trajectory is the chosen one where no run passed a task." };
        var category = new Option<string[]>("--category") { Description = "Only these categories (repeatable, or comma-separated)." };
        var minMargin = new Option<double?>("--min-margin") { Description = "Only tasks whose judge margin is at least this (needs judge results)." };
        var judgments = new Option<string?>("--judgments") { Description = $"Judge results, JSON lines {{\"taskId\", \"margin\"}} (default: {JudgeMargins.DefaultFileName} in the first run folder that has one)." };
        var command = new Command("export", "Export preference pairs (DPO) or passing conversations (SFT) from benchmark runs as JSONL.")
        {
            runs, format, output, oracle, category, minMargin, judgments,
        };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var kind = parse.GetValue(format)!.Trim().ToLowerInvariant() switch
            {
                "dpo" => ExportFormat.Dpo,
                "sft" => ExportFormat.Sft,
                var other => throw new ArgumentException($"--format '{other}' is not one of dpo, sft."),
            };
            var folders = parse.GetValue(runs)!;
            var categories = Categories(parse.GetValue(category) ?? []);
            var min = parse.GetValue(minMargin);
            IReadOnlyDictionary<string, double>? margins = null;
            if (min is not null)
            {
                var file = parse.GetValue(judgments) ?? folders.Select(f => Path.Combine(f, JudgeMargins.DefaultFileName)).FirstOrDefault(File.Exists)
                    ?? throw new ArgumentException($"--min-margin needs judge results: none at {JudgeMargins.DefaultFileName} in the run folders; run bench judge or pass --judgments FILE.");
                margins = JudgeMargins.Read(file);
            }

            var request = new ExportRequest(kind, [.. folders.Select(RepeatFolders.ReadAll)],
                parse.GetValue(oracle) is { } oracleFolder ? [.. RepeatFolders.ReadAll(oracleFolder).SelectMany(r => r)] : null,
                categories, min, margins);
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            ExportSummary summary;
            await using (var writer = new StreamWriter(path, append: false))
                summary = TrajectoryExporter.Write(request, writer);

            var what = kind == ExportFormat.Dpo ? "pairs" : "conversations";
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{kind.ToString().ToLowerInvariant()}: wrote {summary.Lines} {what} from {summary.Tasks} tasks ({summary.FromOracle} with the oracle's trajectory) to {Path.GetFullPath(path)}.")).ConfigureAwait(false);
            if (summary.NoPassing > 0)
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.NoPassing} tasks no run passed were left out{(request.Oracle is null ? "; --oracle DIR (a bench run --agent oracle folder) pairs them with the oracle's trajectory" : " (the oracle run has no passing trajectory of them)")}.")).ConfigureAwait(false);
            if (summary.WithoutTranscript > 0)
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.WithoutTranscript} tries have no transcript (run before transcripts were recorded) and were left out.")).ConfigureAwait(false);
            if (summary.Errored > 0)
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{summary.Errored} tries that ended in an agent error were left out.")).ConfigureAwait(false);
            if (summary.BelowMargin > 0)
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{summary.BelowMargin} tasks below --min-margin {min} (or not judged) were left out.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static HashSet<int> Categories(IEnumerable<string> values)
    {
        var categories = new HashSet<int>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                throw new ArgumentException($"--category '{value}' is not a category number.");
            categories.Add(number);
        }

        return categories;
    }
}
