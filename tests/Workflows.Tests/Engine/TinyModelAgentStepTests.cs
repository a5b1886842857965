using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Workflows.Tests.Engine;

/// <summary>The agent step on the real llama.cpp path with the tiny random-weight GGUF: text is nonsense, tool calls are valid.</summary>
[Trait("Model", "Tiny")]
public sealed class TinyModelAgentStepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-wf-tiny-").FullName;

    [Fact]
    public async Task Agent_TinyModel_RunsTheLoopAndJournalsItsTrace()
    {
        var modelPath = Path.Combine(_folder, "tiny.gguf");
        TinyGemmaModel.Write(modelPath);
        var options = new LocalModelOptions { ModelPath = modelPath, ContextSize = 16384, Threads = 1, BatchSize = 512, MaxOutputTokens = 512, Seed = 3 };
        using var client = new LocalChatClient(new LocalModel(Options.Create(options)), new GemmaPromptFormatter(), ownsModel: true);
        using var host = new WorkflowTestHost(() => client, ("t", """
            name: t
            steps:
              - id: summary
                type: agent
                prompt: workflow-admission-summary
                tools: [get_patient, get_conditions]
                max_steps: 2
                retry: { max: 1 }
            """));
        await host.AddPatientAsync();

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId, Trigger: new() { ["kind"] = "manual", ["id"] = "enc-1" }));

        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        Assert.NotNull(done.Variables["summary"]!["stopped"]);
        var completed = Assert.Single(await host.Store.JournalAsync(done.Id), j => j.Kind == "step_completed");
        var trace = completed.Detail!["trace"]!.AsArray();
        Assert.Contains(trace, s => s!["kind"]!.GetValue<string>() == "model");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // llama.cpp may still map the file; a leftover temp folder is harmless.
        }
    }
}
