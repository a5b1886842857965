using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Runners;

[Collection(BenchStoreCollection.Name)]
public sealed class RepeatedBenchRunnerTests(BenchStore bench) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-repeats-").FullName;

    private RunManifest Manifest(string agent) => new(agent, null, "tasks.json", bench.Store.DatabasePath, 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task RunAsync_ThreeRepeats_OneFolderAndSeedPerRepeatAndReportReadsThemAll()
    {
        var seeds = new List<uint>();
        var tasks = bench.Tasks.Take(8).ToList();
        var runner = new RepeatedBenchRunner(seed => { seeds.Add(seed); return new NothingAgent(); }, _folder, 3, 100, concurrency: 2);

        var summaries = await runner.RunAsync(tasks, Manifest("nothing"));

        Assert.Equal([100u, 101u, 102u], seeds);
        Assert.Equal([8, 8, 8], summaries.Select(s => s.Ran));
        Assert.Equal((3, 100u), (RepeatFolders.Manifest(_folder)!.Repeats, RepeatFolders.Manifest(_folder)!.Seed));
        Assert.Equal(102u, RepeatFolders.Manifest(RepeatFolders.Folder(_folder, 3))!.Seed);
        var repeats = RepeatFolders.ReadAll(_folder);
        Assert.Equal(3, repeats.Count);
        Assert.All(repeats, r => Assert.Equal(8, r.Count));
        Assert.Equal(3, BenchReport.Load(_folder).RepeatCount);
    }

    [Fact]
    public async Task RunAsync_RerunOfFinishedRepeats_SkipsEveryTask()
    {
        var tasks = bench.Tasks.Take(4).ToList();
        var runner = new RepeatedBenchRunner(_ => new NothingAgent(), _folder, 2, 1);
        await runner.RunAsync(tasks, Manifest("nothing"));

        var again = await runner.RunAsync(tasks, Manifest("nothing"));

        Assert.Equal([4, 4], again.Select(s => s.Skipped));
        Assert.Equal([0, 0], again.Select(s => s.Ran));
    }

    [Fact]
    public async Task RunAsync_OtherRepeatCountIntoTheSameFolder_Refused()
    {
        var tasks = bench.Tasks.Take(2).ToList();
        await new RepeatedBenchRunner(_ => new NothingAgent(), _folder, 2, 1).RunAsync(tasks, Manifest("nothing"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new RepeatedBenchRunner(_ => new NothingAgent(), _folder, 1, 1).RunAsync(tasks, Manifest("nothing")));

        Assert.Contains("holds a run of 2 repeats, not 1", error.Message);
    }

    [Fact]
    public async Task ReadAll_SingleRunFolder_IsOneRepeat()
    {
        var tasks = bench.Tasks.Take(3).ToList();
        await new BenchRunner(new NothingAgent(), _folder).RunAsync(tasks, Manifest("nothing"));

        var repeats = RepeatFolders.ReadAll(_folder);

        Assert.Single(repeats);
        Assert.Equal(3, repeats[0].Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
