using System.Text.Json;
using ClinicalAgent.Evaluation.Judging;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Judging;

public sealed class JudgeSessionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-judge-").FullName;

    private static readonly BenchTask[] Tasks =
    [
        Task("task7_1", new TaskExpectation("value", false, [JsonSerializer.SerializeToElement(101)])),
        Task("task7_2", new TaskExpectation("value", false, [JsonSerializer.SerializeToElement(95)])),
        Task("task13_1", new TaskExpectation("last_hba1c:found", false, Reference: "GOOD reference: 6.8 % on 2023-05-02 (Observation/h1).")),
    ];

    [Fact]
    public async Task RunAsync_TwoRuns_WritesOneParsableLinePerSharedTaskWithTheExportFields()
    {
        var a = new[] { Result("task7_1", "GOOD FINISH([101])", true), Result("task7_2", "FINISH([1])", false), Result("task13_1", "GOOD 6.8 %", true) };
        var b = new[] { Result("task7_1", "FINISH([7])", false), Result("task7_2", "GOOD FINISH([95])", true) };
        var items = JudgeSession.Pairs(Tasks, "run-a", a, "run-b", b);
        var path = Path.Combine(_folder, "judgments.jsonl");

        var summary = await new JudgeSession(new PairwiseJudge(GoodJudge())).RunAsync(items, path);

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("task7_1", first.RootElement.GetProperty("taskId").GetString());
        Assert.Equal(0.8, first.RootElement.GetProperty("preference").GetDouble(), 5);
        Assert.Equal(0.6, first.RootElement.GetProperty("margin").GetDouble(), 5);
        Assert.True(first.RootElement.GetProperty("consistent").GetBoolean());
        Assert.Equal(0.2, JudgmentFile.Read(path)[1].Preference, 5);
        Assert.Equal((2, 2), (summary.Agreement.Successes, summary.Agreement.Total));
    }

    [Fact]
    public async Task RunAsync_RerunIntoTheSameFile_SkipsPairsAlreadyJudged()
    {
        var a = new[] { Result("task7_1", "GOOD FINISH([101])", true), Result("task7_2", "FINISH([1])", false) };
        var items = JudgeSession.Pairs(Tasks, "run-a", a, null, null);
        var path = Path.Combine(_folder, "judgments.jsonl");
        await new JudgeSession(new PairwiseJudge(GoodJudge())).RunAsync([items[0]], path);
        var client = GoodJudge();

        var summary = await new JudgeSession(new PairwiseJudge(client)).RunAsync(items, path);

        Assert.Equal(2, client.Calls); // only the second pair, both orders
        Assert.Equal(2, summary.Pairs);
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Pairs_AgainstTheReference_UsesTheFreeTextReferenceAndTheExpectedAnswer()
    {
        var a = new[] { Result("task7_2", "FINISH([1])", false), Result("task13_1", "It is 6.8 %", true) };

        var items = JudgeSession.Pairs(Tasks, "run-a", a, null, null);

        Assert.Equal(["task7_2", "task13_1"], items.Select(i => i.TaskId));
        Assert.All(items, i => Assert.Equal(JudgeSession.ReferenceName, i.B.Source));
        Assert.Equal("FINISH([95])", items[0].B.Text);
        Assert.StartsWith("GOOD reference", items[1].B.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pairs_RunsSharingNoTask_FailsWithAClearMessage()
    {
        var a = new[] { Result("task7_1", "x", true) };
        var b = new[] { Result("task7_2", "y", true) };

        var error = Assert.Throws<InvalidDataException>(() => JudgeSession.Pairs(Tasks, "a", a, "b", b));

        Assert.Contains("share no task", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Prefers the answer marked GOOD with 0.8 wherever it is shown.</summary>
    private static ScriptedJudgeClient GoodJudge() =>
        new((first, second) => first.Contains("GOOD", StringComparison.Ordinal) ? 0.8 : second.Contains("GOOD", StringComparison.Ordinal) ? 0.2 : 0.5);

    private static BenchTask Task(string id, TaskExpectation expected) =>
        new(id, "Question " + id, "Context " + id, null, "S1", BenchTask.MedAgentBenchNow, new Dictionary<string, string>(), expected);

    private static TaskResult Result(string id, string answer, bool passed) => new(
        id, TaskCategory.FromTaskId(id), "model", "value", false, passed, passed ? [] : ["wrong"], answer, null, [], [], "answered", false, 10, 2, 1, 1, 3);
}
