using System.Text.Json;

namespace ClinicalAgent.Cli.Tests;

/// <summary><c>bench run --repeats</c>, the intervals and paired tests of report and compare, and <c>bench export</c>.</summary>
public sealed class BenchReliabilityCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>
{
    private string In(string name) => Path.Combine(bench.Folder, name);

    private async Task<string> TasksAsync(string name)
    {
        var path = In(name + ".json");
        if (!File.Exists(path))
            Assert.Equal(0, (await CliRun.RunAsync("bench", "generate", "--per-category", "2", "--seed", "5", "--db", bench.Db, "--out", path)).ExitCode);
        return path;
    }

    private async Task<string> RunAsync(string tasks, string agent, string folder, params string[] extra)
    {
        var run = await CliRun.RunAsync(["bench", "run", "--tasks", tasks, "--db", bench.Db, "--agent", agent, "--out", In(folder), .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }

    [Fact]
    public async Task RunRepeats3_OracleAndNothing_ReportShowsPassHatKAndCompareTestsEachCategory()
    {
        var tasks = await TasksAsync("repeats");

        var oracle = await RunAsync(tasks, "oracle", "oracle-x3", "--repeats", "3");
        var nothing = await RunAsync(tasks, "nothing", "nothing-x3", "--repeats", "3", "--concurrency", "2");
        var report = await CliRun.RunAsync("bench", "report", In("nothing-x3"));
        var compare = await CliRun.RunAsync("bench", "compare", In("oracle-x3"), In("nothing-x3"));
        var same = await CliRun.RunAsync("bench", "compare", In("nothing-x3"), In("nothing-x3"));

        Assert.Matches(@"repeat 3 \(seed 1236\): oracle: ran (\d+) tasks \(\1 passed, 0 errors\)", oracle);
        Assert.Contains("repeat 1 (seed 1234): nothing: ran", nothing);
        using (var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(In("nothing-x3/repeat-2/run.json"))))
            Assert.Equal(1235u, manifest.RootElement.GetProperty("seed").GetUInt32());
        Assert.Matches(@"nothing: \d+ tasks × 3 repeats: pass@1 \d+\.\d% \(95% CI \[\d+\.\d, \d+\.\d\]\), pass\^3 \d+\.\d%", report.Output);
        var markdown = await File.ReadAllTextAsync(In("nothing-x3/report.md"));
        Assert.Contains("| group | tasks | passing tries | pass@1 | 95% CI | pass^3 | 95% CI |", markdown);
        Assert.Contains("| seed | 1234, 1235, 1236 |", markdown);
        Assert.Contains("(repeat 3) |", markdown);
        Assert.Contains("paired bootstrap over tasks of each task's pass rate (10000 resamples, seed 1)", compare.Output);
        Assert.Matches(@"\| all \| \d+ \| 100\.0% \[[\d.]+, 100\.0\] \| [\d.]+% \[[\d.]+, [\d.]+\] \| -[\d.]+ pts \| paired bootstrap .*\| < 0\.001 \| A better \|", compare.Output);
        Assert.Contains("| all |", same.Output);
        Assert.DoesNotContain("better", same.Output);
        Assert.Contains("no significant difference", same.Output);
    }

    [Fact]
    public async Task CompareSingleRuns_OracleAgainstNothing_McNemarPerCategory()
    {
        var tasks = await TasksAsync("single");
        await RunAsync(tasks, "oracle", "oracle-1");
        await RunAsync(tasks, "nothing", "nothing-1");

        var compare = await CliRun.RunAsync("bench", "compare", In("oracle-1"), In("nothing-1"));

        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("McNemar's exact test on the tasks", compare.Output);
        // Category 1 (2 tasks), both of which the do-nothing agent fails: 2 discordant tasks are too few for a verdict.
        Assert.Contains("| 1 | 2 | 100.0% [34.2, 100.0] | 0.0% [0.0, 65.8] | -100.0 pts | McNemar exact (passed by A only: 2, by B only: 0) | 0.500 | no significant difference |", compare.Output);
        Assert.Matches(@"\| all \| \d+ \| .* \| McNemar exact \(passed by A only: \d+, by B only: 0\) \| < 0\.001 \| A better \|", compare.Output);
    }

    [Fact]
    public async Task ExportDpo_NothingRunWithOracle_PairsOraclesTrajectoryWithTheFailedOne()
    {
        var tasks = await TasksAsync("export");
        await RunAsync(tasks, "oracle", "oracle-e");
        await RunAsync(tasks, "nothing", "nothing-e", "--repeats", "2");

        var export = await CliRun.RunAsync("bench", "export", In("nothing-e"), "--format", "dpo", "--oracle", In("oracle-e"), "--out", In("pairs.jsonl"));

        Assert.True(export.ExitCode == 0, export.Error);
        var lines = (await File.ReadAllLinesAsync(In("pairs.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var failed = Directory.GetFiles(In("nothing-e/repeat-1/results")).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Where(r => !r.GetProperty("passed").GetBoolean()).ToList();
        Assert.Equal(failed.Count, lines.Count); // the two repeats failed identically: one pair per failed task
        Assert.Contains($"dpo: wrote {failed.Count} pairs from {failed.Count} tasks ({failed.Count} with the oracle's trajectory)", export.Output);
        foreach (var line in lines)
        {
            var question = line.GetProperty("prompt")[1].GetProperty("content").GetString()!;
            var task = failed.Single(r => question == Question(r.GetProperty("task_id").GetString()!));
            var oracleResult = JsonDocument.Parse(File.ReadAllText(In($"oracle-e/results/{task.GetProperty("task_id").GetString()}.json"))).RootElement;
            Assert.Equal(oracleResult.GetProperty("answer_text").GetString(), line.GetProperty("chosen").EnumerateArray().Last().GetProperty("content").GetString());
            Assert.Equal("FINISH([])", line.GetProperty("rejected").EnumerateArray().Last().GetProperty("content").GetString());
        }
    }

    [Fact]
    public async Task ExportSft_OracleRunCategoryFilter_OneConversationPerTaskOfThoseCategories()
    {
        var tasks = await TasksAsync("sft");
        await RunAsync(tasks, "oracle", "oracle-s");

        var export = await CliRun.RunAsync("bench", "export", In("oracle-s"), "--format", "sft", "--category", "2,7", "--out", In("sft.jsonl"));

        Assert.True(export.ExitCode == 0, export.Error);
        var lines = (await File.ReadAllLinesAsync(In("sft.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l =>
        {
            var messages = l.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["system", "user", "assistant", "user"], messages.Take(4).Select(m => m.GetProperty("role").GetString()));
            Assert.StartsWith("{\"tool_calls\": [{\"name\": \"get_", messages[2].GetProperty("content").GetString());
            Assert.StartsWith("FINISH(", messages[^1].GetProperty("content").GetString());
        });
    }

    [Fact]
    public async Task ExportMinMargin_WithoutJudgeResults_ErrorSaysWhatIsMissing()
    {
        var tasks = await TasksAsync("margin");
        await RunAsync(tasks, "nothing", "nothing-m");

        var export = await CliRun.RunAsync("bench", "export", In("nothing-m"), "--format", "dpo", "--min-margin", "0.3", "--out", In("m.jsonl"));

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("error: --min-margin needs judge results: none at judgments.jsonl in the run folders; run bench judge or pass --judgments FILE.", export.Error);
    }

    [Fact]
    public async Task ExportMinMargin_JudgeResultsFile_KeepsOnlyTasksAtOrAboveTheMargin()
    {
        var tasks = await TasksAsync("margin2");
        await RunAsync(tasks, "oracle", "oracle-j");
        await RunAsync(tasks, "nothing", "nothing-j");
        var failedIds = Directory.GetFiles(In("nothing-j/results")).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Where(r => !r.GetProperty("passed").GetBoolean()).Select(r => r.GetProperty("task_id").GetString()!).Order(StringComparer.Ordinal).ToList();
        await File.WriteAllLinesAsync(In("nothing-j/judgments.jsonl"),
            failedIds.Select((id, i) => $"{{\"taskId\": \"{id}\", \"margin\": {(i < 3 ? "0.9" : "0.1")}}}"));

        var export = await CliRun.RunAsync("bench", "export", In("nothing-j"), "--format", "dpo", "--oracle", In("oracle-j"), "--min-margin", "0.5", "--out", In("j.jsonl"));

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(3, (await File.ReadAllLinesAsync(In("j.jsonl"))).Length);
        Assert.Contains("below --min-margin 0.5 (or not judged) were left out.", export.Error);
    }

    [Fact]
    public async Task Export_UnknownFormat_ErrorNamesIt()
    {
        var export = await CliRun.RunAsync("bench", "export", In("whatever"), "--format", "xml", "--out", In("x.jsonl"));

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("error: --format 'xml' is not one of dpo, sft.", export.Error);
    }

    [Fact]
    public async Task Run_ZeroRepeats_Refused()
    {
        var tasks = await TasksAsync("zero");

        var run = await CliRun.RunAsync("bench", "run", "--tasks", tasks, "--db", bench.Db, "--agent", "nothing", "--repeats", "0", "--out", In("zero"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --repeats must be at least 1.", run.Error);
    }

    // The question the agent saw (prompts/bench-question.md), from the generated task file.
    private string Question(string taskId)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(In("export.json")));
        var task = document.RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId);
        return $"{task.GetProperty("instruction").GetString()}\n\nContext: {task.GetProperty("context").GetString()}";
    }
}
