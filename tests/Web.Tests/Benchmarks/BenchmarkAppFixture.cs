using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Web.Tests.Support;

namespace ClinicalAgent.Web.Tests.Benchmarks;

/// <summary>
/// The served app (authorization off) with two runs in its benchmark folder, written before serve starts by the real
/// benchmark code: <c>single</c>, <c>bench run --agent oracle</c> through the CLI; and <c>repeated</c>, three repeats by
/// <see cref="RepeatedBenchRunner"/> (the runner behind <c>bench run --repeats 3</c>) of a <see cref="PlannedAgent"/> over
/// four tasks: one passes every repeat, one repeats 1 and 2, one repeat 1 only, one never.
/// </summary>
public sealed class BenchmarkAppFixture : IAsyncLifetime
{
    internal ServedApp App { get; private set; } = null!;

    /// <summary>The four tasks of the repeated run, in the order described above.</summary>
    public IReadOnlyList<string> Tasks { get; private set; } = [];

    public async Task InitializeAsync() => App = await ServedApp.StartAsync(authorization: false, new ServedAppSetup { BeforeServe = WriteRunsAsync });

    private async Task WriteRunsAsync(ServedApp app)
    {
        var taskFile = Path.Combine(app.BenchmarkFolder, "tasks.json");
        var generated = await app.CliAsync("bench", "generate", "--per-category", "2", "--out", taskFile);
        if (generated.Code != 0)
            throw new InvalidOperationException(generated.Error);
        var single = await app.CliAsync("bench", "run", "--tasks", taskFile, "--agent", "oracle", "--out", Path.Combine(app.BenchmarkFolder, "single"));
        if (single.Code != 0)
            throw new InvalidOperationException(single.Error);

        // Query tasks (patient lookup, age): an agent error fails them whatever their branch.
        var tasks = TaskFile.Read(taskFile).Where(t => t.Category is 1 or 2).Take(4).ToList();
        if (tasks.Count != 4)
            throw new InvalidOperationException($"Expected 4 tasks of categories 1 and 2, generated {tasks.Count}.");
        Tasks = [.. tasks.Select(t => t.Id)];
        const uint baseSeed = 1234;
        HashSet<string>[] passing = [[Tasks[0], Tasks[1], Tasks[2]], [Tasks[0], Tasks[1]], [Tasks[0]]];
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = app.Db });
        var oracle = new OracleAgent(store);
        var runner = new RepeatedBenchRunner(seed => new PlannedAgent(oracle, passing[seed - baseSeed]), Path.Combine(app.BenchmarkFolder, "repeated"), 3, baseSeed);
        await runner.RunAsync(tasks, new RunManifest("planned", null, taskFile, app.Db, 1, DateTimeOffset.UtcNow));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
    }
}
