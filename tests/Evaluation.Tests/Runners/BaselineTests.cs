using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Xunit.Abstractions;

namespace ClinicalAgent.Evaluation.Tests.Runners;

[Collection(BenchStoreCollection.Name)]
public sealed class BaselineTests(BenchStore bench, ITestOutputHelper output)
{
    [Fact]
    public async Task Oracle_GeneratedSet_PassesEveryTask()
    {
        var oracle = new OracleAgent(bench.Store, bench.ImageTruth);
        var failed = new List<string>();

        foreach (var task in bench.Tasks)
        {
            var run = await oracle.RunAsync(task, CancellationToken.None);
            var grade = TaskGrader.Grade(task, run.Answer, run.Posts);
            if (!grade.Passed)
                failed.Add($"{task.Id} ({task.Expected!.Branch}): {string.Join(" ", grade.Failures)}");
        }

        Assert.Equal(60, bench.Tasks.Count(t => !TaskCategory.IsImage(t.Category)));
        Assert.Contains(bench.Tasks, t => t.Category == TaskCategory.ChestFinding && t.Expected!.Answer![0].GetString() == "yes");
        Assert.Contains(bench.Tasks, t => t.Category == TaskCategory.ChestFinding && t.Expected!.Answer![0].GetString() == "no");
        Assert.Contains(bench.Tasks, t => t.Category == TaskCategory.LesionLabel);
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public async Task Nothing_GeneratedSet_PassesOnlyNoActionBranchesOfReplacementTasks()
    {
        var nothing = new NothingAgent();
        var passed = new List<string>();

        foreach (var task in bench.Tasks)
        {
            var run = await nothing.RunAsync(task, CancellationToken.None);
            if (TaskGrader.Grade(task, run.Answer, run.Posts).Passed)
                passed.Add(task.Id);
        }

        output.WriteLine($"do-nothing: {passed.Count}/{bench.Tasks.Count} ({100.0 * passed.Count / bench.Tasks.Count:0.0}%)");
        var expected = bench.Tasks.Where(t => t.Category is 5 or 9 && !t.Expected!.Action).Select(t => t.Id).ToList();
        Assert.Equal(expected, passed);
        Assert.InRange(passed.Count, 1, bench.Tasks.Count / 5);
    }
}
