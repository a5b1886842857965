using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

[Collection(BenchStoreCollection.Name)]
public sealed class OraclePlanTests(BenchStore bench)
{
    [Fact]
    public async Task ForTasks_EveryGeneratedTask_SameCellsAsTheOraclesRecordedCalls()
    {
        var freeText = await new FreeTextQuestions(bench.Store).GenerateAsync(6, 1, BenchStore.Now);
        var oracle = new OracleAgent(bench.Store, bench.ImageTruth);

        foreach (var task in bench.Tasks.Concat(freeText))
        {
            var run = await oracle.RunAsync(task, CancellationToken.None);
            var recorded = CoverageVisits.ForTrajectory(task.Category, task.Expected!.Branch, run.Steps, run.Answer, run.Posts.Count > 0).ToList();

            Assert.True(recorded.SequenceEqual(CoverageVisits.ForTask(task)),
                $"{task.Id}: plan {string.Join("; ", CoverageVisits.ForTask(task))} but the oracle visited {string.Join("; ", recorded)}");
        }
    }

    [Fact]
    public void ForTasks_GeneratedSet_EveryCellInTheDesignedSpace()
    {
        var visits = CoverageVisits.ForTasks(bench.Tasks);

        var map = CoverageMap.Measure(CoverageSpace.Cells, visits);

        Assert.Equal(0, map.Outside);
        Assert.True(map.Empty.Count > 0, "a default set leaves the code variants' cells empty");
        Assert.Contains(map.Empty, c => c.ArgumentKind.Contains("code:local", StringComparison.Ordinal));
    }
}
