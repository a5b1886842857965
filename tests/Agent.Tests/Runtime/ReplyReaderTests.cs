using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime;

public sealed class ReplyReaderTests
{
    private static readonly AIFunction Tool = AIFunctionFactory.Create((int count) => count, "get_observations");

    [Fact]
    public void Read_ThinkingThenAnswer_KeepsThinkingOutOfTheText()
    {
        var reply = ReplyReader.Read("<unused94>thought\ncheck the trend<unused95>\nPotassium is 4.1.", [Tool], constrained: true, ChatFinishReason.Stop);

        var contents = ReplyReader.Contents(reply, includeText: true);

        Assert.Equal("Potassium is 4.1.", reply.Text);
        Assert.Equal("check the trend", Assert.IsType<TextReasoningContent>(contents[0]).Text);
        Assert.Equal("Potassium is 4.1.", Assert.IsType<TextContent>(contents[1]).Text);
        Assert.Equal("check the trend", ReplyReader.Properties(reply)!["thinking"]);
    }

    [Fact]
    public void Read_CallCutOffByBudget_BecomesTextWithLengthFinish()
    {
        var reply = ReplyReader.Read("{\"tool_calls\": [{\"name\": \"get_obs", [Tool], constrained: true, ChatFinishReason.Length);

        Assert.Empty(reply.Calls);
        Assert.StartsWith("{\"tool_calls\"", reply.Text);
        Assert.Equal(ChatFinishReason.Length, ReplyReader.FinishReason(reply, ChatFinishReason.Length));
    }

    [Fact]
    public void Read_CompleteCall_FinishesWithToolCalls()
    {
        var reply = ReplyReader.Read("{\"tool_calls\": [{\"name\": \"get_observations\", \"arguments\": {\"count\": 2}}]}", [Tool], constrained: true, ChatFinishReason.Stop);

        Assert.Equal("get_observations", Assert.Single(reply.Calls).Name);
        Assert.Equal(ChatFinishReason.ToolCalls, ReplyReader.FinishReason(reply, ChatFinishReason.Stop));
    }

    [Fact]
    public void Read_UnconstrainedReplyStartingWithBrace_StaysText()
    {
        var reply = ReplyReader.Read("  {not a call} ", [], constrained: false, ChatFinishReason.Stop);

        Assert.Equal("{not a call}", reply.Text);
        Assert.Empty(reply.Calls);
    }
}
