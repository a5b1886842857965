using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Evaluation.Explaining;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Tests.Explaining;

[Collection(BenchStoreCollection.Name)]
public sealed class CounterfactualExplainerTests(BenchStore bench) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-explain-").FullName;

    private BenchTask VitalTask(int n = 0) => bench.Tasks.Where(t => t.Category == 3 && t.Expected!.Action).ElementAt(n);

    private BenchTask AgeTask => bench.Tasks.First(t => t.Category == 2);

    [Fact]
    public async Task ExplainAsync_WrongBloodPressurePlantedAtSecondCall_DecisiveStepTwoPayloadField()
    {
        var task = VitalTask();

        var (explained, _) = await RunAndExplainAsync([task], oracle => new PlantedPolicyClient(oracle) { Plant = WrongPressure });

        var only = Assert.Single(explained);
        Assert.Equal(2, only.DecisiveStep);
        Assert.Equal(DecisionKind.PayloadField, only.Decision);
        Assert.Equal(2, only.FirstDepartureStep);
        Assert.True(only.AgreesWithHint);
        var replay = Assert.Single(only.Replays);
        Assert.True(replay.Passed);
        Assert.StartsWith("record_vital_sign(", replay.Substituted);
        // The prefix (find_patients, the oracle's write) is prefilled; only the answer after it is asked of the model.
        Assert.Equal(1, replay.ModelCalls);
        Assert.Equal(110, replay.InputTokens + replay.OutputTokens);
    }

    [Fact]
    public async Task ExplainAsync_AgeOffByOneAnswered_DecisiveFinalStepArithmetic()
    {
        var task = AgeTask;

        var (explained, _) = await RunAndExplainAsync([task], oracle => new PlantedPolicyClient(oracle)
        {
            Plant = (t, calls) => calls.Count == 1 ? PlantedPolicyClient.Answer($"FINISH([{Age(oracle, t) + 1}])") : null,
        });

        var only = Assert.Single(explained);
        Assert.Equal(2, only.DecisiveStep);
        Assert.Equal(DecisionKind.Arithmetic, only.Decision);
        Assert.Equal(0, Assert.Single(only.Replays).ModelCalls);
    }

    [Fact]
    public async Task ExplainAsync_AgentThatAlwaysAddsAWrongWrite_NotAttributableAfterEveryDeparture()
    {
        var task = VitalTask();

        var (explained, _) = await RunAndExplainAsync([task], oracle => new PlantedPolicyClient(oracle) { Plant = AlwaysWrongPressure });

        var only = Assert.Single(explained);
        Assert.Null(only.DecisiveStep);
        Assert.Null(only.Decision);
        Assert.False(only.Attributable);
        Assert.Null(only.AgreesWithHint);
        Assert.Equal(0, only.Untried);
        // Both departures tried: the wrong write (step 2) and the answer given where the oracle wrote (step 3).
        Assert.Equal([2, 3], only.Replays.Select(r => r.Step));
        Assert.All(only.Replays, r => Assert.False(r.Passed));
    }

    [Fact]
    public async Task ExplainAsync_BudgetOfOne_StopsAfterTheFirstDepartureAndCountsTheRestUntried()
    {
        var task = VitalTask();

        var (explained, _) = await RunAndExplainAsync([task], oracle => new PlantedPolicyClient(oracle) { Plant = AlwaysWrongPressure }, budget: 1);

        var only = Assert.Single(explained);
        Assert.Single(only.Replays);
        Assert.Equal(1, only.Untried);
    }

    [Fact]
    public async Task Report_ThreeFailedTasks_AgreementCountsOnlyAttributableTasksWhoseDecisiveStepIsTheFirstDeparture()
    {
        var (agree, disagree, unattributable) = (VitalTask(0), AgeTask, VitalTask(1));

        var (explained, _) = await RunAndExplainAsync([agree, disagree, unattributable], oracle => new PlantedPolicyClient(oracle)
        {
            Plant = (t, calls) => t.Id == agree.Id ? WrongPressure(t, calls)
                : t.Id == unattributable.Id ? AlwaysWrongPressure(t, calls)
                // A needless read after the lookup, then a wrong age: answering right after the lookup would have passed.
                : calls.Count == 1 ? PlantedPolicyClient.Call("get_conditions", new { patient_id = t.EvalMrn })
                : calls.Count == 2 ? PlantedPolicyClient.Answer($"FINISH([{Age(oracle, t) + 1}])") : null,
            Extra = c => c.Name == "get_conditions",
        });
        var report = new ExplainReport("model", "scripted", 5, 3, explained);

        var second = explained.Single(t => t.TaskId == disagree.Id);
        Assert.Equal(2, second.DecisiveStep);
        Assert.Equal(3, second.FirstDepartureStep);
        Assert.Equal(DecisionKind.FinalAnswerFormat, second.Decision);
        Assert.Equal(2, report.Attributable);
        Assert.Equal(1, report.HintAgrees);
        var vitals = report.Categories.Single(c => c.Category == 3);
        Assert.Equal((2, 1, 1), (vitals.Explained, vitals.NotAttributable, vitals.HintAgrees));
        Assert.Equal(1, vitals.ByDecision[DecisionKind.PayloadField]);
        var markdown = ExplainMarkdown.Render(report);
        Assert.Contains("names the decisive step in 1 of 2 (50.0%", markdown);
        Assert.Contains($"| {unattributable.Id} | step 2: ", markdown);
        Assert.Contains("| not attributable |", markdown);
        ExplainFiles.Write(_folder, report);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(ExplainFiles.JsonPath(_folder)));
        Assert.Equal(1, json.RootElement.GetProperty("hint_agrees").GetInt32());
    }

    private async Task<(IReadOnlyList<TaskExplanation> Explained, PlantedPolicyClient Client)> RunAndExplainAsync(BenchTask[] tasks,
        Func<IReadOnlyDictionary<string, (BenchTask, TaskRun)>, PlantedPolicyClient> policy, int budget = 5)
    {
        var oracle = new OracleAgent(bench.Store, bench.ImageTruth);
        var byTask = new Dictionary<string, (BenchTask, TaskRun)>();
        foreach (var task in tasks)
            byTask[task.Id] = (task, await oracle.RunAsync(task, CancellationToken.None));
        var client = policy(byTask);
        await new BenchRunner(new ModelAgent(bench.Store, client), _folder, reference: oracle)
            .RunAsync(tasks, new RunManifest("model", "scripted", "tasks.json", bench.Store.DatabasePath, 1, DateTimeOffset.UnixEpoch));
        var results = ResultFiles.ReadAll(_folder);
        Assert.All(results, r => Assert.False(r.Passed, $"{r.TaskId}: the planted mistake should fail the run"));

        var explainer = new CounterfactualExplainer(client, replay => new ModelAgent(bench.Store, replay), oracle, new ClinicalAgentGrader(), budget);
        return (await explainer.ExplainAsync(results, tasks), client);
    }

    /// <summary>The oracle's write with the systolic pressure one higher, in place of the oracle's.</summary>
    private static ChatResponse? WrongPressure(BenchTask task, IReadOnlyList<FunctionCallContent> calls) =>
        calls.Count == 1 && calls[0].Name == "find_patients" ? WrongWrite(task) : null;

    /// <summary>Always one wrong write, however the conversation got here, then the answer.</summary>
    private static ChatResponse? AlwaysWrongPressure(BenchTask task, IReadOnlyList<FunctionCallContent> calls)
    {
        if (!calls.Any(c => c.Name == "find_patients"))
            return null;
        var wrong = Bump(task.Input("bp"));
        return calls.Any(c => c.Name == "record_vital_sign" && c.Arguments?["value"]?.ToString() == wrong) ? PlantedPolicyClient.Answer("FINISH([])") : WrongWrite(task);
    }

    private static ChatResponse WrongWrite(BenchTask task) =>
        PlantedPolicyClient.Call("record_vital_sign", new { patient_id = task.Input("mrn"), kind = "blood_pressure", value = Bump(task.Input("bp")) });

    private static string Bump(string pressure) => Regex.Replace(pressure, @"^\d+", m => (int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static int Age(IReadOnlyDictionary<string, (BenchTask Task, TaskRun Oracle)> oracle, BenchTask task) => oracle[task.Id].Oracle.Answer![0].GetInt32();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
