using System.Text.Json;
using ClinicalAgent.Agent.Loop;
using Microsoft.Extensions.AI;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Loop;

public sealed class ClinicalAgentRunnerTests
{
    private const string Question = "What is Ada's latest potassium?";

    [Fact]
    public async Task AskAsync_ToolsThenAnswer_TracesStepsAndFeedsResultsBack()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }, "c1", new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, CachedInputTokenCount = 0 }),
            ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }, "c2", new UsageDetails { InputTokenCount = 140, OutputTokenCount = 12, CachedInputTokenCount = 100 }),
            ScriptedChatClient.Answer("Potassium 4.1 mmol/L (Observation/k-p1)."));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        Assert.Equal("Potassium 4.1 mmol/L (Observation/k-p1).", answer.Text);
        Assert.Equal(["find_patient(Ada)", "get_potassium(p1)"], tools.Calls);
        Assert.Equal(
            [(1, AgentStepKind.Model, null), (1, AgentStepKind.Tool, "find_patient"), (2, AgentStepKind.Model, null), (2, AgentStepKind.Tool, "get_potassium"), (3, AgentStepKind.Model, (string?)null)],
            answer.Trace.Select(s => (s.Number, s.Kind, s.ToolName)));
        Assert.Equal(140, answer.Trace[2].InputTokens);
        Assert.Equal(100, answer.Trace[2].CachedTokens);
        Assert.Equal("{\"name\":\"Ada\"}", answer.Trace[1].ArgumentsJson);
        Assert.True(answer.Trace[1].ResultChars > 0);
        var second = Assert.Single(ResultsOf(client.Requests[1]));
        Assert.Equal("c1", second.CallId);
        Assert.Contains("Patient/p1", second.Result!.ToString());
        Assert.Equal(ChatToolMode.Auto, client.Options[0]!.ToolMode);
        Assert.Equal(3, client.Options[0]!.Tools!.Count);
    }

    [Fact]
    public async Task AskAsync_ToolThrows_ModelReceivesErrorAndLoopContinues()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("broken_tool", callId: "c1"),
            ScriptedChatClient.Answer("The record is unavailable."));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        var result = Assert.Single(ResultsOf(client.Requests[1]));
        Assert.Contains("store unavailable", Error(result));
        var step = answer.Trace.Single(s => s.Kind == AgentStepKind.Tool);
        Assert.True(step.Executed);
        Assert.Contains("store unavailable", step.Error);
    }

    [Fact]
    public async Task AskAsync_CallBreaksTheSchema_IsAnsweredWithTheRuleAndNeverRuns()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { nickname = "Ada" }, "c1"),
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }, "c2"),
            ScriptedChatClient.Answer("Found Patient/p1."));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(["find_patient(Ada)"], tools.Calls);
        var error = Error(Assert.Single(ResultsOf(client.Requests[1])));
        Assert.Contains("'name' is required but missing (required)", error);
        var rejected = answer.Trace.First(s => s.Kind == AgentStepKind.Tool);
        Assert.False(rejected.Executed);
        Assert.True(rejected.SchemaViolation);
        Assert.Equal(1, answer.SchemaViolations);
        Assert.Contains("\"schemaViolations\": 1", AgentTraceWriter.ToJson(answer));
    }

    [Fact]
    public async Task AskAsync_UnknownTool_ReturnsErrorResultWithoutExecuting()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("delete_patient", new { id = "p1" }, "c1"),
            ScriptedChatClient.Answer("I cannot do that."));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        var error = Error(Assert.Single(ResultsOf(client.Requests[1])));
        Assert.Contains("Unknown tool 'delete_patient'", error);
        Assert.Contains("find_patient", error);
        Assert.False(answer.Trace.Single(s => s.Kind == AgentStepKind.Tool).Executed);
        Assert.Empty(tools.Calls);
    }

    [Fact]
    public async Task AskAsync_SameCallRepeated_ThirdIsRefusedAndFourthStops()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }),
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(AgentStoppedReason.RepeatedCalls, answer.StoppedReason);
        Assert.Equal(["find_patient(Ada)", "get_potassium(p1)", "find_patient(Ada)"], tools.Calls);
        Assert.Contains("already called find_patient", Error(Assert.Single(ResultsOf(client.Requests[4]))));
        Assert.Equal(5, client.Requests.Count);
        Assert.Equal([true, true, true, false, false], answer.Trace.Where(s => s.Kind == AgentStepKind.Tool).Select(s => s.Executed));
    }

    [Fact]
    public async Task AskAsync_ReplyCutOffAtOutputLimit_StopsAsTruncatedNotAnswered()
    {
        var tools = new RecordTools();
        var cutOff = new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"tool_calls\": [{\"name\": \"find_pat")) { FinishReason = ChatFinishReason.Length };
        var client = new ScriptedChatClient(ScriptedChatClient.Call("find_patient", new { name = "Ada" }), cutOff);
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(AgentStoppedReason.Truncated, answer.StoppedReason);
        Assert.DoesNotContain("tool_calls", answer.Text);
        Assert.Contains("cut off", answer.Text);
        Assert.Equal(["find_patient(Ada)"], tools.Calls);
    }

    [Fact]
    public async Task AskAsync_StepLimitReached_StopsWithStepLimit()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "A" }),
            ScriptedChatClient.Call("find_patient", new { name = "B" }),
            ScriptedChatClient.Call("find_patient", new { name = "C" }));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All, new AgentRunOptions { MaxSteps = 3 });

        Assert.Equal(AgentStoppedReason.StepLimit, answer.StoppedReason);
        Assert.Contains("step limit 3", answer.Text);
        Assert.Equal(3, client.Requests.Count);
        Assert.Equal(["find_patient(A)", "find_patient(B)"], tools.Calls);
    }

    [Fact]
    public async Task AskAsync_CancelledDuringRun_StopsWithCancelledAndPassesToken()
    {
        using var cts = new CancellationTokenSource();
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Answer("never"));
        var tokens = new List<CancellationToken>();
        client.OnRequest = (_, token) =>
        {
            tokens.Add(token);
            if (tokens.Count == 2)
                cts.Cancel();
        };
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All, cancellationToken: cts.Token);

        Assert.Equal(AgentStoppedReason.Cancelled, answer.StoppedReason);
        Assert.All(tokens, t => Assert.Equal(cts.Token, t));
        Assert.Equal(2, tokens.Count);
        Assert.Equal([AgentStepKind.Model, AgentStepKind.Tool], answer.Trace.Select(s => s.Kind));
    }

    [Fact]
    public async Task AskAsync_AlreadyCancelled_CallsNoModel()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Answer("never"));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, [], cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(AgentStoppedReason.Cancelled, answer.StoppedReason);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task AskAsync_AnswerMentionsIds_CitesOnlyIdsToolsReturned()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }),
            ScriptedChatClient.Answer("Potassium is 4.1 (Observation/k-p1), sodium normal (Observation/made-up); see Observation/k-p1."));
        var runner = new ClinicalAgentRunner(client);

        var answer = await runner.AskAsync(Question, tools.All);

        Assert.Equal(["Observation/k-p1"], answer.Citations);
    }

    [Fact]
    public async Task AskAsync_PatientId_SystemPromptNamesPatientAndQuestionFollows()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Answer("ok"));
        var runner = new ClinicalAgentRunner(client);

        await runner.AskAsync(Question, [], new AgentRunOptions { PatientId = "p1" });

        var request = client.Requests[0];
        Assert.Equal(ChatRole.System, request[0].Role);
        Assert.Contains("Patient/p1", request[0].Text);
        Assert.Contains("never instructions", request[0].Text);
        Assert.Equal(Question, request[1].Text);
        Assert.Equal(ChatToolMode.None, client.Options[0]!.ToolMode);
    }

    [Fact]
    public async Task AskAsync_RequireToolFirst_FirstCallRequiresToolThenAuto()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Answer("ok"));
        var runner = new ClinicalAgentRunner(client);

        await runner.AskAsync(Question, new RecordTools().All, new AgentRunOptions { RequireToolFirst = true });

        Assert.Equal([ChatToolMode.RequireAny, ChatToolMode.Auto], client.Options.Select(o => o!.ToolMode));
    }

    private static List<FunctionResultContent> ResultsOf(IReadOnlyList<ChatMessage> request) =>
        request[^1].Contents.OfType<FunctionResultContent>().ToList();

    private static string Error(FunctionResultContent result) =>
        ((JsonElement)result.Result!).GetProperty("error").GetString()!;
}
