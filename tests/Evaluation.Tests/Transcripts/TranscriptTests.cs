using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Evaluation.Tests.Transcripts;

[Collection(BenchStoreCollection.Name)]
public sealed class TranscriptTests(BenchStore bench)
{
    private BenchTask AgeTask => bench.Tasks.First(t => t.Category == 2);

    [Fact]
    public async Task ModelAgent_ScriptedCallThenAnswer_TranscriptIsWhatTheModelSawInItsProtocol()
    {
        var task = AgeTask;
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_patient", new Dictionary<string, object?> { ["patient_id"] = task.EvalMrn }, "call_a"),
            ScriptedChatClient.Answer("FINISH([60])"));
        var agent = new ModelAgent(bench.Store, client, new() { ChatOptions = new() { Seed = 77 } });

        var run = await agent.RunAsync(task, CancellationToken.None);

        var transcript = run.Transcript!;
        Assert.Equal(["system", "user", "assistant", "user", "assistant"], transcript.Select(m => m.Role));
        Assert.Contains("You can use tools.", transcript[0].Content);
        Assert.Contains("{\"name\": \"get_patient\"", transcript[0].Content);
        Assert.Equal(task.Instruction, transcript[1].Content.Split("\n")[0]);
        Assert.Equal($"{{\"tool_calls\": [{{\"name\": \"get_patient\", \"arguments\": {{\"patient_id\": \"{task.EvalMrn}\"}}}}]}}", transcript[2].Content);
        Assert.StartsWith("{\"tool_results\": [{\"call_id\": \"call_a\", \"name\": \"get_patient\", \"result\": ", transcript[3].Content);
        Assert.Contains(task.EvalMrn!, transcript[3].Content);
        Assert.Equal("FINISH([60])", transcript[4].Content);
        Assert.All(client.Options, o => Assert.Equal(77, o!.Seed));
    }

    [Fact]
    public async Task Oracle_AgeTask_TranscriptStartsLikeTheModelsAndEndsWithItsAnswer()
    {
        var task = AgeTask;
        var client = new ScriptedChatClient(ScriptedChatClient.Answer("FINISH([1])"));
        var model = await new ModelAgent(bench.Store, client).RunAsync(task, CancellationToken.None);

        var oracle = await new OracleAgent(bench.Store, bench.ImageTruth).RunAsync(task, CancellationToken.None);

        var transcript = oracle.Transcript!;
        Assert.Equal(model.Transcript!.Take(2), transcript.Take(2));
        Assert.StartsWith("{\"tool_calls\": [{\"name\": \"get_patient\"", transcript[2].Content);
        Assert.StartsWith("{\"tool_results\": [{\"call_id\": \"call_1\", \"name\": \"get_patient\"", transcript[3].Content);
        Assert.Equal(oracle.AnswerText, transcript[^1].Content);
        Assert.Equal("assistant", transcript[^1].Role);
    }

    [Fact]
    public async Task Nothing_WithRecords_TranscriptIsTheModelsPromptThenAnEmptyAnswer()
    {
        var task = AgeTask;
        var oracle = await new OracleAgent(bench.Store, bench.ImageTruth).RunAsync(task, CancellationToken.None);

        var nothing = await new NothingAgent(bench.Store).RunAsync(task, CancellationToken.None);
        var bare = await new NothingAgent().RunAsync(task, CancellationToken.None);

        Assert.Equal(oracle.Transcript!.Take(2), nothing.Transcript!.Take(2));
        Assert.Equal(new Evaluation.Transcripts.TranscriptMessage("assistant", "FINISH([])"), nothing.Transcript![2]);
        Assert.Equal(3, nothing.Transcript.Count);
        Assert.Null(bare.Transcript);
    }
}
