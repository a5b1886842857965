using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Runners;

[Collection(BenchStoreCollection.Name)]
public sealed class BenchRunnerTests(BenchStore bench) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-run-").FullName;

    private RunManifest Manifest(string agent) => new(agent, null, "tasks.json", bench.Store.DatabasePath, 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task RunAsync_InterruptedThenRerun_SkipsFinishedTasksAndCompletesTheRest()
    {
        using var cancel = new CancellationTokenSource();
        var first = new InterruptingAgent(new OracleAgent(bench.Store, bench.ImageTruth), 11, cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new BenchRunner(first, _folder).RunAsync(bench.Tasks, Manifest("oracle"), null, cancel.Token));
        var finishedBefore = ResultFiles.Finished(_folder).Count;

        var second = new InterruptingAgent(new OracleAgent(bench.Store, bench.ImageTruth), int.MaxValue, new CancellationTokenSource());
        var summary = await new BenchRunner(second, _folder).RunAsync(bench.Tasks, Manifest("oracle"));

        Assert.Equal(10, finishedBefore);
        Assert.Equal(10, summary.Skipped);
        Assert.Equal(bench.Tasks.Count - 10, summary.Ran);
        Assert.Equal(bench.Tasks.Count - 10, second.Started);
        Assert.Equal(bench.Tasks.Count, ResultFiles.ReadAll(_folder).Count(r => r.Passed));
        Assert.Empty(Directory.EnumerateFiles(ResultFiles.ResultsFolder(_folder), "*.tmp"));
    }

    [Fact]
    public async Task RunAsync_ConcurrentNothingAgent_WritesOneResultPerTaskWithFailureAnalysis()
    {
        var summary = await new BenchRunner(new NothingAgent(), _folder, concurrency: 4, reference: new OracleAgent(bench.Store, bench.ImageTruth))
            .RunAsync(bench.Tasks, Manifest("nothing"));

        var results = ResultFiles.ReadAll(_folder);
        Assert.Equal(bench.Tasks.Count, summary.Ran);
        Assert.Equal(bench.Tasks.Select(t => t.Id).Order(), results.Select(r => r.TaskId).Order());
        var lookup = results.First(r => r.Category == 2);
        Assert.False(lookup.Passed);
        Assert.StartsWith("Never called get_patient(", lookup.Departure);
    }

    [Fact]
    public async Task RunAsync_FolderOfAnotherAgent_RefusesToMix()
    {
        await new BenchRunner(new NothingAgent(), _folder).RunAsync(bench.Tasks.Take(1).ToList(), Manifest("nothing"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new BenchRunner(new OracleAgent(bench.Store, bench.ImageTruth), _folder).RunAsync(bench.Tasks, Manifest("oracle")));

        Assert.Contains("'nothing'", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
