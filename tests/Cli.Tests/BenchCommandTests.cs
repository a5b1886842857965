using System.Text.Json;

namespace ClinicalAgent.Cli.Tests;

public sealed class BenchCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>
{
    private string In(string name) => Path.Combine(bench.Folder, name);

    [Fact]
    public async Task Generate_SameSeedTwice_ByteIdenticalTasksAndPrintsBalance()
    {
        var first = await CliRun.RunAsync("bench", "generate", "--per-category", "4", "--seed", "3", "--db", bench.Db, "--out", In("gen-a.json"));
        await CliRun.RunAsync("bench", "generate", "--per-category", "4", "--seed", "3", "--db", bench.Db, "--out", In("gen-b.json"));
        var other = await CliRun.RunAsync("bench", "generate", "--per-category", "4", "--seed", "4", "--db", bench.Db, "--out", In("gen-c.json"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(In("gen-a.json")), await File.ReadAllBytesAsync(In("gen-b.json")));
        Assert.NotEqual(await File.ReadAllTextAsync(In("gen-a.json")), await File.ReadAllTextAsync(In("gen-c.json")));
        Assert.Matches(@" 9 potassium replacement\s+2\s+2\s+", first.Output);
        using var tasks = JsonDocument.Parse(await File.ReadAllTextAsync(In("gen-a.json")));
        var categories = tasks.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()!.Split('_')[0]).ToList();
        Assert.Equal(40, categories.Count(c => c is not ("task11" or "task12")));
        Assert.Contains("task11", categories);
        Assert.Contains("task12", categories);
        Assert.Matches(@"11 chest radiograph finding\s+\d+\s+\d+\s+", first.Output);
        Assert.All(tasks.RootElement.EnumerateArray(), t => Assert.Equal("2023-11-13T10:15:00+00:00", t.GetProperty("now").GetString()));
    }

    [Fact]
    public async Task RunOracleAndNothing_ThenReportAndCompare_OracleFullMarksNothingScoreShown()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "4", "--db", bench.Db, "--out", In("base.json"));

        var oracle = await CliRun.RunAsync("bench", "run", "--tasks", In("base.json"), "--db", bench.Db, "--agent", "oracle", "--out", In("oracle"));
        var nothing = await CliRun.RunAsync("bench", "run", "--tasks", In("base.json"), "--db", bench.Db, "--agent", "nothing", "--concurrency", "3", "--grader", "both", "--out", In("nothing"));
        var report = await CliRun.RunAsync("bench", "report", In("nothing"));
        var compare = await CliRun.RunAsync("bench", "compare", In("oracle"), In("nothing"));

        using var generated = JsonDocument.Parse(await File.ReadAllTextAsync(In("base.json")));
        var count = generated.RootElement.GetArrayLength();
        Assert.True(count > 40, "the image categories add tasks to the 40 of categories 1-10");
        Assert.Contains($"oracle: ran {count} tasks ({count} passed, 0 errors)", oracle.Output);
        Assert.Equal(0, nothing.ExitCode);
        Assert.Contains("graded both", nothing.Output);
        Assert.Matches(@"Passed by profile: clinicalagent \d+, official \d+ of \d+\.", nothing.Output);
        Assert.Matches($@"nothing: \d+/{count} tasks passed \(\d+\.\d%\).*graded both\.", report.Output);
        var markdown = await File.ReadAllTextAsync(In("nothing/report.md"));
        // The published table stands beside the official profile only: the nothing run has it, the oracle run (ours alone) does not.
        Assert.Contains("Do-nothing agent on v2 | 41.7%", markdown);
        Assert.Contains("## Where the profiles differ", markdown);
        await CliRun.RunAsync("bench", "report", In("oracle"));
        Assert.DoesNotContain("41.7%", await File.ReadAllTextAsync(In("oracle/report.md")));
        Assert.Contains("Never called", markdown);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(In("nothing/categories.svg")));
        Assert.Contains("<svg", await File.ReadAllTextAsync(In("nothing/report.html")));
        Assert.Contains("| task1_1 |", compare.Output);
    }

    [Fact]
    public async Task Run_UnknownGrader_OneLineErrorAndExitOne()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("grader.json"));

        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("grader.json"), "--db", bench.Db, "--agent", "nothing", "--grader", "lenient", "--out", In("grader-run"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--grader 'lenient' is not one of official, clinicalagent, both.", run.Error);
        Assert.False(Directory.Exists(In("grader-run")));
    }

    [Fact]
    public async Task RunModel_TinyGgufTwoWorkers_CompletesEndToEndReportsAndRerunSkipsEverything()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("tiny.json"));
        string[] run = ["bench", "run", "--tasks", In("tiny.json"), "--db", bench.Db, "--agent", "model", "--model", bench.Model, "--max-steps", "2",
            "--require-tool", "--threads", "1", "--context", "65536", "--max-tokens", "512", "--seed", "3", "--concurrency", "2", "--out", In("tiny-run")];

        var first = await CliRun.RunAsync(run);
        var again = await CliRun.RunAsync(run);
        var report = await CliRun.RunAsync("bench", "report", In("tiny-run"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(@"model: ran 12 tasks \(\d+ passed, 0 errors\)", first.Output);
        Assert.Contains("ran 0 tasks", again.Output);
        Assert.Contains("skipped 12 already finished", again.Output);
        Assert.Equal(0, report.ExitCode);
        // Random weights: which task gets a complete tool call varies, but the real path must run model and tools.
        var steps = Directory.GetFiles(In("tiny-run/results"), "*.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("steps").EnumerateArray()).ToList();
        Assert.Contains(steps, s => s.GetProperty("kind").GetString() == "model" && s.GetProperty("input_tokens").GetInt64() > 0);
        Assert.Contains(steps, s => s.GetProperty("kind").GetString() == "tool");
        Assert.Contains("## Cost per task", await File.ReadAllTextAsync(In("tiny-run/report.md")));
    }

    [Fact]
    public async Task Run_UnknownAgent_ErrorNamesIt()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("bad.json"));

        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("bad.json"), "--db", bench.Db, "--agent", "gpt", "--out", In("bad"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --agent 'gpt' is not one of model, oracle, nothing, oracle-official, oracle-v2.", run.Error);
    }

    [Fact]
    public async Task Report_FolderWithoutResults_ErrorNamesTheFolder()
    {
        var run = await CliRun.RunAsync("bench", "report", In("no-such-run"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no-such-run is not a run folder", run.Error);
    }
}
