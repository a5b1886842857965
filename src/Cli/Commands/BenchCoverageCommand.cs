using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench coverage TASKS-or-RUN</c>: the coverage map of a task file (the oracle's calls and each task's expected
/// outcome) or of a run folder (its recorded tool calls, answers and writes): visits per cell, entropy, empty cells.
/// </summary>
public static class BenchCoverageCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("tasks-or-run") { Description = "A task file (bench generate --out) or a run folder (bench run --out)." };
        var command = new Command("coverage",
            "Print the coverage map (tool × argument kind × record branch × answer kind × write) of a task file or a run's trajectories.") { path };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var target = parse.GetValue(path)!;
            IReadOnlyList<CoverageCell> visits;
            string what;
            if (Directory.Exists(target))
            {
                var results = RepeatFolders.ReadAll(target).SelectMany(r => r).ToList();
                if (results.Count == 0)
                    throw new InvalidDataException($"{Path.GetFullPath(target)} has no finished tasks yet.");
                visits = CoverageVisits.ForResults(results);
                what = string.Create(CultureInfo.InvariantCulture, $"run {Path.GetFullPath(target)}: {results.Count} trajectories");
            }
            else if (File.Exists(target))
            {
                var tasks = TaskFile.Read(target);
                visits = CoverageVisits.ForTasks(tasks);
                what = string.Create(CultureInfo.InvariantCulture, $"task file {Path.GetFullPath(target)}: {tasks.Count} tasks (the oracle's calls)");
            }
            else
            {
                throw new FileNotFoundException($"No task file or run folder at {Path.GetFullPath(target)}.");
            }

            var map = CoverageMap.Measure(CoverageSpace.Cells, visits);
            await context.Output.WriteLineAsync("Coverage of " + what).ConfigureAwait(false);
            var rows = CoverageRows.For(map);
            var widths = CoverageRows.Header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
            await context.Output.WriteLineAsync(Line(CoverageRows.Header, widths)).ConfigureAwait(false);
            foreach (var row in rows.Where(r => r[^1] != "0"))
                await context.Output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Visits {map.Visits}, cells {map.Cells.Count}, visited {map.Cells.Count - map.Empty.Count}, entropy {map.Entropy:0.000} nats, normalised entropy {map.NormalisedEntropy:0.000}.")).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Empty cells: {map.Empty.Count}")).ConfigureAwait(false);
            foreach (var cell in map.Empty)
                await context.Output.WriteLineAsync("  " + cell).ConfigureAwait(false);
            if (map.Outside > 0)
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{map.Outside} visited cells lie outside the designed space (marked *).")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
