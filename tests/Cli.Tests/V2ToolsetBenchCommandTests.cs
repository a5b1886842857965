using System.Text.Json;

namespace ClinicalAgent.Cli.Tests;

/// <summary><c>bench run --toolset medagentbench-v2</c> and <c>--agent oracle-v2</c> through the commands.</summary>
public sealed class V2ToolsetBenchCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>, IDisposable
{
    private static readonly string[] V2Tools = ["patient_search", "vitals_search", "observation_search", "medication_request_search", "vitals_create",
        "medication_request_create", "service_request_create", "calculator", "finish"];

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-v2-").FullName;

    private string In(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task RunOracleV2_OfficialSet_PassesEveryTaskOfficiallyThroughTheV2Tools()
    {
        await CliRun.RunAsync("fhir", "seed", "--style", "medagentbench", "--patients", "8", "--seed", "7", "--no-images", "--db", In("mab.db"));
        await CliRun.RunAsync("bench", "generate", "--profile", "official", "--per-category", "2", "--db", In("mab.db"), "--out", In("official.json"));

        var oracle = await CliRun.RunAsync("bench", "run", "--tasks", In("official.json"), "--db", In("mab.db"), "--agent", "oracle-v2", "--out", In("oracle"));
        var viaToolset = await CliRun.RunAsync("bench", "run", "--tasks", In("official.json"), "--db", In("mab.db"), "--agent", "oracle", "--toolset", "medagentbench-v2", "--out", In("oracle-toolset"));
        var nothing = await CliRun.RunAsync("bench", "run", "--tasks", In("official.json"), "--db", In("mab.db"), "--agent", "nothing", "--out", In("nothing"));

        Assert.True(oracle.ExitCode == 0, oracle.Error);
        Assert.Contains("oracle-v2: ran 20 tasks (20 passed, 0 errors)", oracle.Output, StringComparison.Ordinal);
        Assert.Contains("graded official", oracle.Output, StringComparison.Ordinal);
        Assert.Contains("oracle-v2: ran 20 tasks (20 passed, 0 errors)", viaToolset.Output, StringComparison.Ordinal);
        Assert.True(nothing.ExitCode == 0, nothing.Error);
        Assert.DoesNotContain("(20 passed", nothing.Output, StringComparison.Ordinal);
        var names = Steps(In("oracle")).Where(s => s.GetProperty("kind").GetString() == "tool").Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.All(names, n => Assert.Contains(n, V2Tools));
        Assert.Equal(20, names.Count(n => n == "finish"));
    }

    [Fact]
    public async Task RunModelV2_TinyGguf_TheModelCallsOnlyV2Tools()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("tiny.json"));

        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("tiny.json"), "--db", bench.Db, "--agent", "model", "--toolset", "medagentbench-v2",
            "--model", bench.Model, "--max-steps", "2", "--require-tool", "--threads", "1", "--context", "65536", "--max-tokens", "512", "--seed", "3",
            "--concurrency", "2", "--out", In("tiny-v2"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"model-v2: ran 12 tasks \(\d+ passed, \d+ errors\)", run.Output);
        // Random weights: which call comes out varies, but the grammar allows only the v2 tools' names on the first step.
        var tools = Steps(In("tiny-v2")).Where(s => s.GetProperty("kind").GetString() == "tool").Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(tools);
        Assert.All(tools, n => Assert.Contains(n, V2Tools));
    }

    [Fact]
    public async Task Run_UnknownToolset_ErrorNamesTheKnownOnes()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("bad.json"));

        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("bad.json"), "--db", bench.Db, "--agent", "oracle", "--toolset", "v3", "--out", In("bad"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--toolset 'v3' is not known; they are: clinicalagent (default), medagentbench-v2.", run.Error);
    }

    private static List<JsonElement> Steps(string run) => [.. Directory.GetFiles(Path.Combine(run, "results"), "*.json")
        .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("steps").EnumerateArray())];

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
