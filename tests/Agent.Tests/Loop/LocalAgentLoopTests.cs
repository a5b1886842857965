using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Tests.Runtime;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Loop;

/// <summary>The whole loop on the real model path: the tiny GGUF through <c>LocalChatClient</c> with real tools.
/// Its text is nonsense, so only the structure of the run is checked.</summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class LocalAgentLoopTests(TinyModelFixture model, ITestOutputHelper output)
{
    private static readonly (string Id, string Name, int BirthYear)[] Patients =
        [("p1", "Ada Lovelace", 1815), ("p2", "Alan Turing", 1912), ("p3", "Grace Hopper", 1906)];

    [Fact]
    public async Task AskAsync_TinyModel_CompletesWithinStepLimitWithSchemaValidCalls()
    {
        var executed = new List<string>();
        AIFunction[] tools =
        [
            AIFunctionFactory.Create(
                ([Description("Part of the patient's name"), StringLength(20)] string name) =>
                {
                    executed.Add("find_patients");
                    return Patients.Where(p => p.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).Select(p => $"Patient/{p.Id}").ToArray();
                },
                "find_patients", "Find patients whose name contains the text."),
            AIFunctionFactory.Create(
                ([Description("The patient id, like p1"), StringLength(8)] string patientId) =>
                {
                    executed.Add("get_birth_year");
                    return Patients.Where(p => p.Id == patientId).Select(p => (int?)p.BirthYear).FirstOrDefault();
                },
                "get_birth_year", "The birth year of a patient."),
        ];
        using var client = LocalRuntime.Client(model.ModelPath);
        var runner = new ClinicalAgentRunner(client);
        var toolSteps = new List<AgentStep>();

        for (var seed = 1; seed <= 4 && executed.Count == 0; seed++)
        {
            var options = new AgentRunOptions { MaxSteps = 4, PatientId = "p1", RequireToolFirst = true, ChatOptions = new ChatOptions { Seed = seed, Temperature = 1, AllowMultipleToolCalls = false } };
            var answer = await runner.AskAsync("When was Ada Lovelace born?", tools, options);

            output.WriteLine($"seed {seed}: {answer.StoppedReason}, {answer.Trace.Count} steps");
            output.WriteLine(AgentTraceWriter.ToJson(answer));
            // A random model may also run into the output limit mid-reply; every way of stopping is a valid end here.
            Assert.Contains(answer.StoppedReason, new[] { AgentStoppedReason.Answered, AgentStoppedReason.StepLimit, AgentStoppedReason.RepeatedCalls, AgentStoppedReason.Truncated });
            Assert.InRange(answer.Trace.Count(s => s.Kind == AgentStepKind.Model), 1, 4);
            toolSteps.AddRange(answer.Trace.Where(s => s.Kind == AgentStepKind.Tool && s.Executed));
        }

        Assert.NotEmpty(executed);
        Assert.NotEmpty(toolSteps);
        foreach (var step in toolSteps)
        {
            var tool = Assert.Single(tools, t => t.Name == step.ToolName);
            var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(step.ArgumentsJson!)!
                .ToDictionary(p => p.Key, p => (object?)p.Value);
            Assert.Empty(SchemaChecker.Check(tool.JsonSchema, arguments));
            Assert.Empty(ClinicalAgent.Agent.Runtime.Validation.ToolCallValidator.Validate(tool, arguments));
            Assert.Null(step.Error);
        }
    }

    [Fact]
    public async Task Conversation_TinyModelStreaming_PiecesMakeTheAnswerAndSecondTurnReusesTheCache()
    {
        using var client = LocalRuntime.Client(model.ModelPath);
        var runner = new ClinicalAgentRunner(client);
        var pieces = new List<string>();
        var observer = new AgentTurnObserver { AnswerText = pieces.Add };

        // Invariant: whatever is sampled, a turn either answers (its streamed pieces are its text, and it joins the
        // history, so the next turn's prompt extends it in the cache) or is cut off (it leaves the history untouched).
        for (uint seed = 1; seed <= 3; seed++)
        {
            var conversation = runner.StartConversation([], new AgentRunOptions
            {
                ChatOptions = new ChatOptions { Seed = seed, Temperature = 1, MaxOutputTokens = 64 },
            });
            pieces.Clear();
            var first = await conversation.AskAsync("Say something.", observer);
            var second = await conversation.AskAsync("And again.");
            output.WriteLine($"seed {seed}: {first.StoppedReason}, {pieces.Count} pieces");

            var firstModel = Assert.Single(first.Trace, s => s.Kind == AgentStepKind.Model);
            var secondModel = Assert.Single(second.Trace, s => s.Kind == AgentStepKind.Model);
            if (first.StoppedReason == AgentStoppedReason.Answered)
            {
                Assert.Equal(first.Text, string.Concat(pieces));
                Assert.True(secondModel.CachedTokens >= firstModel.InputTokens, $"cached {secondModel.CachedTokens}, first prompt {firstModel.InputTokens}");
            }
            else
            {
                Assert.Equal(AgentStoppedReason.Truncated, first.StoppedReason);
                Assert.Equal(64, firstModel.OutputTokens);
                Assert.True(secondModel.InputTokens < firstModel.InputTokens + 20, "a cut-off turn must not join the history");
            }
        }
    }
}
