using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Judging;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench judge RUN [OTHER] --tasks FILE</c>: pairwise AI judgments of two runs on the same tasks, or of one run
/// against the tasks' reference answers, by the judge model; both orders asked, the soft preference from the choice
/// tokens' log-probabilities; writes one JSONL line per pair and prints the report (preference, position consistency,
/// agreement with the rule graders with 95% intervals, cost per pair).
/// </summary>
public static class BenchJudgeCommand
{
    public static Command Create(CliContext context)
    {
        var judgeModel = new JudgeModelOptionSet();
        var run = new Argument<string>("run") { Description = "Run A's folder (bench run --out)." };
        var other = new Argument<string?>("other") { Description = "Run B's folder; without it, run A is judged against the task file's reference answers.", Arity = ArgumentArity.ZeroOrOne };
        var tasks = new Option<string>("--tasks") { Description = "The task file the runs were made on.", Required = true };
        var output = new Option<string?>("--out") { Description = "The judgments file (JSONL); a rerun into it skips pairs already judged. Default: judge-vs-<B>.jsonl in run A's folder." };
        var categories = new Option<int[]>("--category") { Description = "Only these categories (repeatable), e.g. --category 13.", AllowMultipleArgumentsPerToken = true };
        var limit = new Option<int?>("--limit") { Description = "Judge at most this many pairs (the first in task-file order)." };
        var seed = new Option<int?>("--judge-seed") { Description = "Seed of the judge's calls (decoding is greedy)." };
        var command = new Command("judge", "Judge two runs pairwise (or a run against the reference answers) with an AI judge; writes JSONL judgments.")
        {
            run, other, tasks, output, categories, limit, seed,
        };
        judgeModel.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var taskList = TaskFile.Read(parse.GetValue(tasks)!);
            var folderA = parse.GetValue(run)!;
            var folderB = parse.GetValue(other);
            var nameA = Name(folderA);
            var nameB = folderB is null ? JudgeSession.ReferenceName : Name(folderB);
            if (folderB is not null && nameA == nameB)
                nameB += "-b";
            if (parse.GetValue(limit) is < 1)
                throw new ArgumentException("--limit must be at least 1.");
            var items = JudgeSession.Pairs(taskList, nameA, ResultFiles.ReadAll(folderA), nameB, folderB is null ? null : ResultFiles.ReadAll(folderB),
                parse.GetValue(categories));
            if (parse.GetValue(limit) is { } most)
                items = [.. items.Take(most)];
            var path = parse.GetValue(output) ?? Path.Combine(folderA, $"judge-vs-{nameB}.jsonl");

            await using var host = context.BuildHost(parse, judgeModel.Settings(parse));
            var session = new JudgeSession(new PairwiseJudge(host.ChatClient(), parse.GetValue(seed)));
            foreach (var folder in new[] { folderA, folderB }.OfType<string>().Where(f => AgentModel(f) == host.ModelName))
            {
                await context.Error.WriteLineAsync($"Note: the judge is the model that made {Name(folder)}; a model grading its own answers prefers them, so another judge model is recommended.")
                    .ConfigureAwait(false);
            }

            var summary = await ProgressReporter.RunCountAsync(context.Error, "bench judge",
                progress => session.RunAsync(items, path, progress, cancellationToken)).ConfigureAwait(false);

            var judged = JudgmentFile.Read(path).Where(j => items.Any(i => i.TaskId == j.TaskId && i.A.Source == j.A && i.B.Source == j.B)).ToList();
            await context.Output.WriteAsync(JudgeReport.Render(nameA, nameB, judged)).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Judged {summary.Pairs} pairs with {host.ModelName}; judgments in {Path.GetFullPath(path)}.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>The model a run folder's <c>run.json</c> names, if any.</summary>
    private static string? AgentModel(string folder)
    {
        var path = ResultFiles.ManifestPath(folder);
        try
        {
            return File.Exists(path) ? System.Text.Json.JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), ResultFiles.Json)?.Model : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // an unreadable manifest only loses the note
        }
    }

    private static string Name(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
}
