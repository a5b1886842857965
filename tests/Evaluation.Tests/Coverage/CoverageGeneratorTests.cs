using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

[Collection(BenchStoreCollection.Name)]
public sealed class CoverageGeneratorTests(BenchStore bench)
{
    private Task<CoverageExtension> Extended => _extended ??= new CoverageGenerator(bench.Store).ExtendAsync(bench.Tasks, 1, BenchStore.Now);

    private static Task<CoverageExtension>? _extended;

    [Fact]
    public async Task Extend_DefaultSet_RaisesEntropyAndFillsCells()
    {
        var extension = await Extended;

        Assert.NotEmpty(extension.Added);
        Assert.True(extension.After.NormalisedEntropy > extension.Before.NormalisedEntropy,
            $"{extension.Before.NormalisedEntropy} -> {extension.After.NormalisedEntropy}");
        Assert.True(extension.After.Empty.Count < extension.Before.Empty.Count);
        Assert.Equal(bench.Tasks.Count + extension.Added.Count, extension.Tasks.Count);
        Assert.Equal(extension.Tasks.Count, extension.Tasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(bench.Tasks, extension.Tasks.Take(bench.Tasks.Count));
    }

    [Fact]
    public async Task Extend_EveryAddedTask_FillsAnEmptyCellOrRaisesTheEntropy()
    {
        var extension = await Extended;
        var tasks = bench.Tasks.ToList();

        foreach (var (task, kind) in extension.Added)
        {
            var before = CoverageMap.Measure(CoverageSpace.Cells, CoverageVisits.ForTasks(tasks));
            tasks.Add(task);
            var after = CoverageMap.Measure(CoverageSpace.Cells, CoverageVisits.ForTasks(tasks));
            Assert.True(after.Empty.Count < before.Empty.Count || after.Entropy > before.Entropy, $"{task.Id} ({kind}) added nothing");
        }
    }

    [Fact]
    public async Task Extend_Again_AddsNothing()
    {
        var extension = await Extended;

        var again = await new CoverageGenerator(bench.Store).ExtendAsync(extension.Tasks, 1, BenchStore.Now);

        Assert.Empty(again.Added);
        Assert.Equal(extension.After.Entropy, again.After.Entropy, 12);
    }

    [Fact]
    public async Task Extend_Limit_StopsThere()
    {
        var extension = await new CoverageGenerator(bench.Store) { Limit = 3 }.ExtendAsync(bench.Tasks, 1, BenchStore.Now);

        Assert.Equal(3, extension.Added.Count);
    }

    [Fact]
    public async Task Extend_AddedTasks_OraclePassesTheGrader()
    {
        var extension = await Extended;
        var oracle = new OracleAgent(bench.Store, bench.ImageTruth);
        var grader = new ClinicalAgentGrader();

        Assert.Contains(extension.Added, a => a.Kind == CoverageCandidate.Code);
        Assert.Contains(extension.Added, a => a.Kind == CoverageCandidate.Unit);
        foreach (var (task, kind) in extension.Added)
        {
            var verdict = await grader.GradeAsync(task, await oracle.RunAsync(task, CancellationToken.None), CancellationToken.None);
            Assert.True(verdict.Passed, $"{task.Id} ({kind}): {string.Join("; ", verdict.Failures)}");
        }
    }
}
