using System.Text.Json;

namespace ClinicalAgent.Cli.Tests;

/// <summary>The MedAgentBench-style store and the official-profile task set, made through the commands.</summary>
public sealed class OfficialBenchCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-official-").FullName;

    private string In(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task SeedMedAgentBenchThenGenerateOfficial_TasksMarkedWithTheBenchmarksValuesAtItsNow()
    {
        var seed = await CliRun.RunAsync("fhir", "seed", "--style", "medagentbench", "--patients", "8", "--seed", "7", "--no-images", "--db", In("mab.db"));
        var generate = await CliRun.RunAsync("bench", "generate", "--profile", "official", "--per-category", "2", "--db", In("mab.db"), "--out", In("official.json"));
        var search = await CliRun.RunAsync("fhir", "search", "Observation", "code=K", "_count=1", "--db", In("mab.db"));

        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("now 2023-11-13T10:15:00.0000000+00:00", seed.Error);
        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("official-profile tasks", generate.Error);
        using var tasks = JsonDocument.Parse(await File.ReadAllTextAsync(In("official.json")));
        var all = tasks.RootElement.EnumerateArray().ToList();
        Assert.Equal(20, all.Count);
        Assert.All(all, t => Assert.Equal("official", t.GetProperty("profile").GetString()));
        Assert.All(all.Where(t => t.GetProperty("id").GetString()!.StartsWith("task3_", StringComparison.Ordinal)),
            t => Assert.Contains("\"118/77 mmHg\"", t.GetProperty("instruction").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, search.ExitCode);
        Assert.Contains("medagentbench/lab-code", search.Output);
    }

    [Fact]
    public async Task GenerateOfficial_StandardStyleStore_OneLineSaysHowToSeed()
    {
        var generate = await CliRun.RunAsync("bench", "generate", "--profile", "official", "--per-category", "1", "--db", bench.Db, "--out", In("refused.json"));

        Assert.Equal(1, generate.ExitCode);
        Assert.Contains("seed it with 'clinicalagent fhir seed --style medagentbench'", generate.Error);
        Assert.False(File.Exists(In("refused.json")));
    }

    [Fact]
    public async Task RunOracleOfficial_WithoutFhirBase_ErrorAsksForIt()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("any.json"));

        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("any.json"), "--db", bench.Db, "--agent", "oracle-official", "--out", In("run"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--agent oracle-official speaks MedAgentBench's text protocol: pass --fhir-base URL", run.Error);
    }

    [Fact]
    public async Task RunOracleOfficialGradedBoth_OfficialSet_PassesEveryTaskOfficiallyAndReportsWhereProfilesDiffer()
    {
        await CliRun.RunAsync("fhir", "seed", "--style", "medagentbench", "--patients", "8", "--seed", "7", "--no-images", "--db", In("mab.db"));
        await CliRun.RunAsync("bench", "generate", "--profile", "official", "--per-category", "2", "--db", In("mab.db"), "--out", In("official.json"));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var served = new SyncTextWriter();
        var serving = CliApp.RunAsync(["fhir", "serve", "--urls", "http://127.0.0.1:0", "--insecure-no-auth", "--db", In("mab.db")], TextWriter.Null, served, stop.Token);
        var line = await served.WaitForAsync("Ctrl+C stops.", stop.Token);
        var baseUrl = line[(line.IndexOf("server at ", StringComparison.Ordinal) + "server at ".Length)..].Split(' ')[0];

        var oracle = await CliRun.RunAsync("bench", "run", "--tasks", In("official.json"), "--agent", "oracle-official", "--fhir-base", baseUrl, "--grader", "both", "--out", In("oracle"));
        var nothing = await CliRun.RunAsync("bench", "run", "--tasks", In("official.json"), "--agent", "nothing", "--fhir-base", baseUrl, "--out", In("nothing"));
        var report = await CliRun.RunAsync("bench", "report", In("oracle"));
        await stop.CancelAsync();
        await serving;

        Assert.True(oracle.ExitCode == 0, oracle.Error);
        Assert.Contains("official 20 of 20", oracle.Output, StringComparison.Ordinal);
        Assert.True(nothing.ExitCode == 0, nothing.Error);
        // An official task file is graded by the official profile unless --grader says otherwise.
        Assert.Contains("graded official", nothing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(20 passed", nothing.Output, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
        var markdown = await File.ReadAllTextAsync(Path.Combine(In("oracle"), "report.md"));
        Assert.Contains("official", markdown, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A store file still mapped on some platforms; a leftover temp folder is harmless.
        }
    }
}
