using ClinicalAgent.Agent.Loop;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Loop;

/// <summary><see cref="AgentRunOptions.AnswerTool"/>: MedAgentBench v2's <c>finish</c> ends a run with its result as the answer.</summary>
public sealed class AnswerToolTests
{
    private const string Question = "What is Ada's latest potassium?";

    private static readonly AIFunction Finish = AIFunctionFactory.Create((string value) => $"[{value}]", "finish", "The final answer.");

    [Fact]
    public async Task AskAsync_AnswerToolCalled_StopsAnsweredWithItsResultAndSkipsLaterCalls()
    {
        var tools = new RecordTools();
        var both = new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent("c1", "finish", new Dictionary<string, object?> { ["value"] = "4.1" }), new FunctionCallContent("c2", "find_patient", new Dictionary<string, object?> { ["name"] = "Ada" })]));
        var client = new ScriptedChatClient(ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }), both);

        var answer = await new ClinicalAgentRunner(client).AskAsync(Question, [.. tools.All, Finish], new AgentRunOptions { AnswerTool = "finish" });

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        Assert.Equal("[4.1]", answer.Text);
        Assert.Equal(["get_potassium(p1)"], tools.Calls);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task AskAsync_AnswerToolOnTheLastStep_StillAnswers()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }), ScriptedChatClient.Call("finish", new { value = "4.1" }));

        var answer = await new ClinicalAgentRunner(client).AskAsync(Question, [.. tools.All, Finish], new AgentRunOptions { AnswerTool = "finish", MaxSteps = 2 });

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        Assert.Equal("[4.1]", answer.Text);
    }

    [Fact]
    public async Task AskAsync_OtherToolsOnTheLastStep_StepLimitAsBefore()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }), ScriptedChatClient.Call("find_patient", new { name = "Ada" }));

        var answer = await new ClinicalAgentRunner(client).AskAsync(Question, [.. tools.All, Finish], new AgentRunOptions { AnswerTool = "finish", MaxSteps = 2 });

        Assert.Equal(AgentStoppedReason.StepLimit, answer.StoppedReason);
        Assert.Equal(["get_potassium(p1)"], tools.Calls);
    }

    [Fact]
    public async Task AskAsync_WithoutAnswerTool_FinishIsAnOrdinaryTool()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Call("finish", new { value = "4.1" }), ScriptedChatClient.Answer("Potassium 4.1."));

        var answer = await new ClinicalAgentRunner(client).AskAsync(Question, [Finish]);

        Assert.Equal("Potassium 4.1.", answer.Text);
        Assert.Equal(2, client.Requests.Count);
    }
}
