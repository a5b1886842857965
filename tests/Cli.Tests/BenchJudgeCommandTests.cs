using System.Text.Json;

namespace ClinicalAgent.Cli.Tests;

public sealed class BenchJudgeCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>
{
    private string In(string name) => Path.Combine(bench.Folder, name);

    [Fact]
    [Trait("Model", "Tiny")]
    public async Task Judge_OracleAgainstNothingWithTheTinyJudge_WritesOneLinePerPairAndReports()
    {
        var generate = await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--free-text", "3", "--db", bench.Db, "--out", In("judge.json"));
        await CliRun.RunAsync("bench", "run", "--tasks", In("judge.json"), "--db", bench.Db, "--agent", "oracle", "--out", In("judge-oracle"));
        await CliRun.RunAsync("bench", "run", "--tasks", In("judge.json"), "--db", bench.Db, "--agent", "nothing", "--out", In("judge-nothing"));

        var judge = await CliRun.RunAsync("bench", "judge", In("judge-oracle"), In("judge-nothing"), "--tasks", In("judge.json"), "--category", "13",
            "--judge-model", bench.Model, "--judge-threads", "1", "--judge-context", "4096", "--out", In("judgments.jsonl"));

        Assert.Matches(@"13 free-text record question\s+\d+\s+\d+\s+", generate.Output);
        Assert.True(judge.ExitCode == 0, judge.Error);
        var lines = await File.ReadAllLinesAsync(In("judgments.jsonl"));
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            using var judgment = JsonDocument.Parse(line);
            Assert.StartsWith("task13_", judgment.RootElement.GetProperty("taskId").GetString(), StringComparison.Ordinal);
            Assert.InRange(judgment.RootElement.GetProperty("margin").GetDouble(), 0, 1);
            // The oracle passed every question and doing nothing none, so the grader prefers A on each.
            Assert.True(judgment.RootElement.GetProperty("graderA").GetBoolean());
            Assert.False(judgment.RootElement.GetProperty("graderB").GetBoolean());
            Assert.Equal(2, judgment.RootElement.GetProperty("orders").GetArrayLength());
        }

        Assert.Contains("Position consistency", judge.Output);
        Assert.Matches(@"Agreement with the rule grader .*/3\)", judge.Output);
    }

    [Fact]
    public async Task Judge_RunFolderMissing_OneLineErrorAndExitCode()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("judge-missing.json"));

        var judge = await CliRun.RunAsync("bench", "judge", In("no-such-run"), "--tasks", In("judge-missing.json"), "--judge-model", bench.Model);

        Assert.NotEqual(0, judge.ExitCode);
        Assert.Contains("is not a run folder", judge.Error);
        Assert.Single(judge.Error.Trim().Split('\n'));
    }
}
