using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Cli.Tests;

public sealed class BenchExplainCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>
{
    private string In(string name) => Path.Combine(bench.Folder, name);

    [Fact]
    public async Task Explain_ScriptedModelLookedUpTheWrongPatient_DecisiveStepOnePatientLookupWrittenAndPrinted()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("explain-all.json"));
        var age = JsonNode.Parse(await File.ReadAllTextAsync(In("explain-all.json")))!.AsArray().First(t => t!["id"]!.GetValue<string>().StartsWith("task2_", StringComparison.Ordinal))!;
        await File.WriteAllTextAsync(In("explain-tasks.json"), new JsonArray(age.DeepClone()).ToJsonString());
        var years = age["expected"]!["answer"]![0]!.GetValue<int>();
        await using var model = await ScriptedOpenAIServer.StartAsync();
        // The run asks about the wrong patient and answers -1; the replay with the oracle's lookup gets the right age.
        model.ThenCall("get_patient", new { patient_id = "S0000000" }).ThenAnswer("FINISH([-1])").ThenAnswer($"FINISH([{years}])");
        await File.WriteAllTextAsync(In("explain-settings.json"),
            new JsonObject { ["Model"] = new JsonObject { ["Provider"] = "openai", ["Endpoint"] = model.Endpoint.ToString(), ["Name"] = "scripted" } }.ToJsonString());
        string[] settings = ["--db", bench.Db, "--settings", In("explain-settings.json")];
        var run = await CliRun.RunAsync(["bench", "run", "--tasks", In("explain-tasks.json"), "--agent", "model", "--out", In("explain-run"), .. settings]);
        Assert.Contains("(0 passed, 0 errors)", run.Output);

        var explain = await CliRun.RunAsync(["bench", "explain", In("explain-run"), "--budget", "3", .. settings]);

        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("Explained 1 of 1 failed tasks", explain.Output);
        Assert.Contains("category 2: 1 explained; decisive: patient lookup 1; not attributable 0; hint agrees 1 of 1", explain.Output);
        Assert.Equal(3, model.Requests.Count); // the run's two requests and one for the replay: its prefix was never sent
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(In("explain-run/explain.json")));
        var task = json.RootElement.GetProperty("tasks")[0];
        Assert.Equal(1, task.GetProperty("decisive_step").GetInt32());
        Assert.Equal("patient_lookup", task.GetProperty("decision").GetString());
        Assert.Contains("| 2 age | 1 | 1 |", await File.ReadAllTextAsync(In("explain-run/explain.md")));
    }

    [Fact]
    public async Task Explain_RunAtTemperatureSeven_ReplaysWithTheRecordedTemperatureAndAnOldManifestFallsBackSayingSo()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("sampling-all.json"));
        var age = JsonNode.Parse(await File.ReadAllTextAsync(In("sampling-all.json")))!.AsArray().First(t => t!["id"]!.GetValue<string>().StartsWith("task2_", StringComparison.Ordinal))!;
        await File.WriteAllTextAsync(In("sampling-tasks.json"), new JsonArray(age.DeepClone()).ToJsonString());
        await using var model = await ScriptedOpenAIServer.StartAsync();
        model.ThenCall("get_patient", new { patient_id = "S0000000" }).ThenAnswer("FINISH([-1])").ThenAnswer("FINISH([-1])").ThenAnswer("FINISH([-1])");
        await File.WriteAllTextAsync(In("sampling-settings.json"),
            new JsonObject { ["Model"] = new JsonObject { ["Provider"] = "openai", ["Endpoint"] = model.Endpoint.ToString(), ["Name"] = "scripted" } }.ToJsonString());
        string[] settings = ["--db", bench.Db, "--settings", In("sampling-settings.json")];
        await CliRun.RunAsync(["bench", "run", "--tasks", In("sampling-tasks.json"), "--agent", "model", "--temperature", "0.7", "--out", In("sampling-run"), .. settings]);
        var manifestPath = In("sampling-run/run.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!.AsObject();
        var recordedTemperature = manifest["temperature"]!.GetValue<double>();

        var recorded = await CliRun.RunAsync(["bench", "explain", In("sampling-run"), "--budget", "1", .. settings]);
        var recordedMarkdown = await File.ReadAllTextAsync(In("sampling-run/explain.md"));
        manifest.Remove("temperature");
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var old = await CliRun.RunAsync(["bench", "explain", In("sampling-run"), "--budget", "1", .. settings]);
        var oldMarkdown = await File.ReadAllTextAsync(In("sampling-run/explain.md"));

        Assert.Equal((0, 0), (recorded.ExitCode, old.ExitCode));
        Assert.Equal(0.7, recordedTemperature, 5);
        Assert.Null(manifest["top_k"]); // an OpenAI-compatible server: its own cuts, not recorded as the local runtime's
        Assert.Equal(4, model.Requests.Count);
        // The run's two requests, then explain's replay with run.json's 0.7 (the configuration says nothing: 0.2 would be the default).
        Assert.All(model.Requests.Take(3), r => Assert.Equal(0.7, r["temperature"]!.GetValue<double>(), 5));
        Assert.Contains("Sampling: temperature 0.7, seed 1234, as run.json recorded.", recordedMarkdown);
        // A manifest without a temperature: the seed only, as such runs sent it, and explain.md says the run's may have differed.
        Assert.Null(model.Requests[3]["temperature"]);
        Assert.Contains("run.json records no sampling settings (written before they were recorded): replayed with the server's defaults, seed 1234", oldMarkdown);
    }

    [Fact]
    public async Task Explain_MissingOrNonModelRunFolder_OneLineErrorAndExitOne()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "1", "--db", bench.Db, "--out", In("explain-nothing.json"));
        await CliRun.RunAsync("bench", "run", "--tasks", In("explain-nothing.json"), "--db", bench.Db, "--agent", "nothing", "--out", In("explain-nothing-run"));
        Directory.CreateDirectory(In("explain-empty"));

        var missing = await CliRun.RunAsync("bench", "explain", In("explain-absent"));
        var empty = await CliRun.RunAsync("bench", "explain", In("explain-empty"));
        var nothing = await CliRun.RunAsync("bench", "explain", In("explain-nothing-run"));
        var budget = await CliRun.RunAsync("bench", "explain", In("explain-nothing-run"), "--budget", "0");

        Assert.Equal((1, 1, 1, 1), (missing.ExitCode, empty.ExitCode, nothing.ExitCode, budget.ExitCode));
        Assert.Contains("No run folder at", missing.Error);
        Assert.Contains("is not a run folder: it has no run.json", empty.Error);
        Assert.Contains("holds a run of agent 'nothing'", nothing.Error);
        Assert.Contains("--budget must be at least 1.", budget.Error);
        Assert.DoesNotContain("   at ", missing.Error + empty.Error + nothing.Error);
    }
}
