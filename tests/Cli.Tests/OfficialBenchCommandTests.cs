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
