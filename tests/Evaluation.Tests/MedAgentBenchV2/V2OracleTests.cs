using System.Text.Json;
using System.Text.Json.Nodes;
using OfficialGrader = ClinicalAgent.Evaluation.Grading.Official.OfficialGrader;
using ClinicalAgent.Evaluation.MedAgentBenchV2;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tests.Official;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Tests.MedAgentBenchV2;

/// <summary>
/// The v2 typed tools proved against MedAgentBench's official graders: the v2 oracle, which makes the official
/// oracle's decisions through the v2 tools, passes every task of the official-profile set and POSTs the same bodies;
/// a planted wrong create fails.
/// </summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class V2OracleTests(OfficialStore official)
{
    [Fact]
    public async Task V2Oracle_EveryOfficialTask_PassesTheOfficialGrader()
    {
        var oracle = new V2OracleAgent(official.Store);
        var grader = new OfficialGrader(official.Store);
        var failed = new List<string>();

        foreach (var task in official.Tasks)
        {
            var verdict = await grader.GradeAsync(task, await oracle.RunAsync(task, CancellationToken.None), CancellationToken.None);
            if (!verdict.Passed)
                failed.Add($"{task.Id}: {verdict.Rule}");
        }

        Assert.Equal(60, official.Tasks.Count);
        Assert.Empty(failed);
    }

    [Fact]
    public async Task V2Oracle_EveryTask_SamePostBodiesAndAnswerAsTheOfficialOracle()
    {
        var oracle = new V2OracleAgent(official.Store);
        var officialRuns = await official.OracleRuns;

        foreach (var task in official.Tasks)
        {
            var run = await oracle.RunAsync(task, CancellationToken.None);
            var expected = officialRuns[task.Id];

            Assert.Equal("answered", run.StoppedReason);
            Assert.Equal("finish", run.Steps.Last(s => s.Kind == "tool").Name);
            Assert.Equal(expected.Posts.Select(p => p.ResourceType), run.Posts.Select(p => p.ResourceType));
            Assert.All(expected.Posts.Zip(run.Posts), pair =>
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pair.First.Body.GetRawText()), JsonNode.Parse(pair.Second.Body.GetRawText())), $"{task.Id}: {pair.Second.Body}"));
            Assert.Equal(JsonSerializer.Serialize(expected.Answer), JsonSerializer.Serialize(run.Answer));
        }
    }

    [Fact]
    public async Task V2Run_PlantedWrongBloodPressure_FailsTheOfficialGrader()
    {
        var task = official.Tasks.First(t => t.Category == 3);
        var body = new Dictionary<string, object?>
        {
            ["resourceType"] = "Observation",
            ["category"] = Json("""[{"coding": [{"system": "http://hl7.org/fhir/observation-category", "code": "vital-signs", "display": "Vital Signs"}]}]"""),
            ["code"] = Json("""{"text": "BP"}"""),
            ["effectiveDateTime"] = "2023-11-13T10:15:00+00:00",
            ["status"] = "final",
            ["valueString"] = "120/80 mmHg",
            ["subject"] = Json($$"""{"reference": "Patient/{{task.EvalMrn}}"}"""),
        };
        using var client = new ScriptedChatClient(ScriptedChatClient.Call("vitals_create", body), ScriptedChatClient.Call("finish", new Dictionary<string, object?> { ["value"] = Json("[]") }));

        var run = await new V2ToolsetAgent(official.Store, client).RunAsync(task, CancellationToken.None);
        var verdict = await new OfficialGrader(official.Store).GradeAsync(task, run, CancellationToken.None);

        Assert.Equal("answered", run.StoppedReason);
        Assert.Equal("120/80 mmHg", Assert.Single(run.Posts).Body.GetProperty("valueString").GetString());
        Assert.False(verdict.Passed);
    }

    [Fact]
    public async Task V2Run_TextReplyWithoutFinish_AnswersEmptyAsAnInvalidAction()
    {
        var task = official.Tasks.First(t => t.Category == 4);
        using var client = new ScriptedChatClient(ScriptedChatClient.Answer("The magnesium is 2.1."));

        var run = await new V2ToolsetAgent(official.Store, client).RunAsync(task, CancellationToken.None);

        Assert.True(run.InvalidAction);
        Assert.Empty(run.Answer!);
    }

    [Fact]
    public async Task V2Run_BadArguments_ModelToldAndRunContinuesToFinish()
    {
        var task = official.Tasks.First(t => t.Category == 2);
        using var client = new ScriptedChatClient(
            ScriptedChatClient.Call("observation_search", new Dictionary<string, object?> { ["code"] = Json("\"K\"") }),
            ScriptedChatClient.Call("finish", new Dictionary<string, object?> { ["value"] = Json("[-1]") }));

        var run = await new V2ToolsetAgent(official.Store, client).RunAsync(task, CancellationToken.None);

        var failed = Assert.Single(run.Steps, s => s.Name == "observation_search");
        Assert.Contains("patient", failed.Error, StringComparison.Ordinal);
        Assert.Equal("[-1]", JsonSerializer.Serialize(run.Answer));
        Assert.Contains(client.Requests[1][^1].Contents.OfType<FunctionResultContent>(), r => r.Result!.ToString()!.Contains("Invalid arguments for observation_search", StringComparison.Ordinal));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
