using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Tests.Grading.Official;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Runners;

/// <summary>A run graded by both profiles over MedAgentBench-style tasks (expected outcomes derived from the store, as
/// for the benchmark's own task file): two verdicts per task, and the report lists where they differ and why.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class GradingProfileRunTests(Store store) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-profiles-").FullName;

    private static RunManifest Manifest(string? grader = null) => new("nothing", null, "tasks.json", "store.db", 1, DateTimeOffset.UnixEpoch) { Grader = grader };

    private async Task<IReadOnlyList<BenchTask>> TasksAsync()
    {
        var deriver = new ExpectationDeriver(store.Store);
        BenchTask[] tasks = [Episodes.Task(10, Store.HbA1cRecent) with { Id = "task10_1" }, Episodes.Task(10, Store.HbA1cStale) with { Id = "task10_2" },
            Episodes.Task(5, Store.MagnesiumStale) with { Id = "task5_1" }, Episodes.Task(7, Store.Glucose) with { Id = "task7_1" }];
        var derived = new List<BenchTask>();
        foreach (var task in tasks)
            derived.Add(await deriver.DeriveAsync(task));
        return derived;
    }

    private BenchRunner Both() => new(new NothingAgent(), _folder)
    {
        Graders = [new ClinicalAgentGrader(), new OfficialGrader(store.Store)],
    };

    [Fact]
    public async Task RunAsync_BothProfiles_RecordsTwoVerdictsAndCountsEach()
    {
        var summary = await Both().RunAsync(await TasksAsync(), Manifest());

        var results = ResultFiles.ReadAll(_folder);
        Assert.Equal("both", summary.Grader);
        Assert.All(results, r => Assert.Equal(["clinicalagent", "official"], r.Verdicts!.Select(v => v.Profile)));
        Assert.All(results, r => Assert.Equal("both", r.Grader));
        // Doing nothing: ours fails all four ([] is stated nowhere in these contexts); the official passes the recent
        // HbA1c ([] accepted) and magnesium with none in 24 h (any answer), and fails the stale HbA1c and the glucose.
        Assert.Equal(0, summary.PassedByProfile["clinicalagent"]);
        Assert.Equal(2, summary.PassedByProfile["official"]);
        Assert.Equal("task10.empty-answer", results.Single(r => r.TaskId == "task10_1").Verdicts![1].Rule!.Split(':')[0]);
        Assert.Contains("\"grader\": \"both\"", await File.ReadAllTextAsync(ResultFiles.ManifestPath(_folder)));
    }

    [Fact]
    public async Task Report_BothProfiles_ListsTheDisagreementsWithTheirRulesBesideThePublishedTable()
    {
        await Both().RunAsync(await TasksAsync(), Manifest());

        var markdown = MarkdownReport.Render(BenchReport.Load(_folder));

        Assert.Contains("| grading profile | both |", markdown);
        Assert.Contains("## Where the profiles differ", markdown);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(markdown,
            @"\| task10_1 \| recent \| fail \| pass \| clinicalagent: Answer \[\]; expected \[6\.4, ""2023-05-02T08:30:00\+00:00""\]\.; official: task10\.empty-answer"), markdown);
        Assert.Contains("| task5_1 |", markdown);
        Assert.DoesNotContain("| task7_1 |", markdown[markdown.IndexOf("## Where the profiles differ", StringComparison.Ordinal)..markdown.IndexOf("## Published", StringComparison.Ordinal)]);
        Assert.Contains("| **this run: nothing, official profile** | 50.0% |", markdown);
        Assert.Contains("v1 text protocol", markdown);
    }

    [Fact]
    public void Report_OlderResultsWithoutAProfile_AreOursAndShowNoPublishedTable()
    {
        TaskResult[] old = [new("task2_1", 2, "model", "age", false, true, [], "", null, [], [], "answered", false, 0, 0, 0, 0, 1)];

        var markdown = MarkdownReport.Render(BenchReport.From(null, old));

        Assert.Contains("| grading profile | clinicalagent |", markdown);
        Assert.DoesNotContain("Published MedAgentBench numbers", markdown);
        Assert.Contains("not graded with the official profile", markdown);
    }

    [Fact]
    public async Task RunAsync_ResumedWithAnotherProfile_Refuses()
    {
        var tasks = await TasksAsync();
        await Both().RunAsync(tasks.Take(1).ToList(), Manifest());

        var ours = new BenchRunner(new NothingAgent(), _folder);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ours.RunAsync(tasks, Manifest()));

        Assert.Contains("graded 'both', not 'clinicalagent'", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
