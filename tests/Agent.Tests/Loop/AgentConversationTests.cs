using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Loop;

public sealed class AgentConversationTests
{
    [Fact]
    public async Task AskAsync_SecondTurn_SeesFirstTurnsCallsResultsAndAnswer()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }, "c1"),
            ScriptedChatClient.Answer("Potassium 4.1 mmol/L (Observation/k-p1)."),
            ScriptedChatClient.Answer("It is within range (Observation/k-p1)."));
        var conversation = new ClinicalAgentRunner(client).StartConversation(tools.All, new AgentRunOptions { PatientId = "p1" });

        var first = await conversation.AskAsync("Latest potassium?");
        var second = await conversation.AskAsync("Is that normal?");

        Assert.Equal(AgentStoppedReason.Answered, first.StoppedReason);
        Assert.Equal(AgentStoppedReason.Answered, second.StoppedReason);
        var sent = client.Requests[2];
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.Equal(1, sent.Count(m => m.Role == ChatRole.System));
        Assert.Equal(["Latest potassium?", "Is that normal?"], sent.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        Assert.Single(sent.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Contains(sent, m => m.Role == ChatRole.Assistant && m.Text.Contains("4.1", StringComparison.Ordinal));
        // The id came from the first turn's tool; the second turn may cite it.
        Assert.Equal(["Observation/k-p1"], second.Citations);
        Assert.Equal(2, conversation.AnsweredTurns);
    }

    [Fact]
    public async Task AskAsync_TurnStoppedAtStepLimit_LeavesNothingInTheHistory()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }, "c1"),
            ScriptedChatClient.Answer("Ada is Patient/p1."));
        var conversation = new ClinicalAgentRunner(client).StartConversation(tools.All, new AgentRunOptions { MaxSteps = 1 });

        var stopped = await conversation.AskAsync("Who is Ada?");
        var next = await conversation.AskAsync("Try again: who is Ada?");

        Assert.Equal(AgentStoppedReason.StepLimit, stopped.StoppedReason);
        Assert.Equal(AgentStoppedReason.Answered, next.StoppedReason);
        var sent = client.Requests[1];
        Assert.Equal(["Try again: who is Ada?"], sent.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        Assert.Empty(sent.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        // An id only the abandoned turn saw is no citation.
        Assert.Empty(next.Citations);
    }

    [Fact]
    public async Task AskAsync_CancelledTurn_ConversationGoesOn()
    {
        using var cancel = new CancellationTokenSource();
        var client = new ScriptedChatClient(ScriptedChatClient.Answer("Here I am."));
        client.OnRequest = (messages, _) =>
        {
            if (messages[^1].Text == "first")
                cancel.Cancel();
        };
        var conversation = new ClinicalAgentRunner(client).StartConversation([]);

        var cancelled = await conversation.AskAsync("first", cancellationToken: cancel.Token);
        var answered = await conversation.AskAsync("second");

        Assert.Equal(AgentStoppedReason.Cancelled, cancelled.StoppedReason);
        Assert.Equal("Here I am.", answered.Text);
        Assert.Equal(["second"], client.Requests[1].Where(m => m.Role == ChatRole.User).Select(m => m.Text));
    }

    [Fact]
    public async Task AskAsync_HistoryOutgrowsContext_DropsOldestTurnsAndAnswers()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Answer("one"), ScriptedChatClient.Answer("two"), ScriptedChatClient.Answer("three"),
            ScriptedChatClient.Answer("four"));
        // A context that holds the system prompt and five messages at most: one earlier turn and the new question.
        client.OnRequest = (messages, _) =>
        {
            if (messages.Count > 5)
                throw new ContextOverflowException(messages.Count * 100, 10, 500);
        };
        var conversation = new ClinicalAgentRunner(client).StartConversation([]);

        foreach (var question in new[] { "q1", "q2", "q3" })
            await conversation.AskAsync(question);
        var last = await conversation.AskAsync("q4");

        Assert.Equal(AgentStoppedReason.Answered, last.StoppedReason);
        Assert.Equal(2, conversation.AnsweredTurns);
        var accepted = client.Requests.Last();
        Assert.Equal(["q3", "q4"], accepted.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
    }

    [Fact]
    public async Task AskAsync_WithObserver_StreamsTheAnswerAndReportsSteps()
    {
        var tools = new RecordTools();
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_potassium", new { patientId = "p1" }, "c1"),
            ScriptedChatClient.Answer("Potassium is 4.1 mmol/L (Observation/k-p1)."));
        var pieces = new List<string>();
        var steps = new List<AgentStep>();
        var observer = new AgentTurnObserver { AnswerText = pieces.Add, StepCompleted = steps.Add };
        var conversation = new ClinicalAgentRunner(client).StartConversation(tools.All);

        var answer = await conversation.AskAsync("Latest potassium?", observer);

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        Assert.True(pieces.Count > 1);
        Assert.Equal(answer.Text, string.Concat(pieces));
        Assert.Equal(["get_potassium(p1)"], tools.Calls);
        Assert.Equal(answer.Trace, steps);
        Assert.Equal(["Observation/k-p1"], answer.Citations);
    }

    [Fact]
    public async Task AskAsync_WhileATurnRuns_Refuses()
    {
        var release = new TaskCompletionSource();
        var client = new BlockingChatClient(release.Task);
        var conversation = new ClinicalAgentRunner(client).StartConversation([]);

        var running = conversation.AskAsync("first");
        var error = await Assert.ThrowsAsync<ConversationBusyException>(() => conversation.AskAsync("second"));
        release.SetResult();
        var answer = await running;

        Assert.Contains("still running", error.Message);
        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
    }
}
