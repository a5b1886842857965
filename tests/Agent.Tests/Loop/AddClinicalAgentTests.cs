using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Loop;

/// <summary>The whole agent from configuration: the tiny GGUF, the real tools on a real store, and the loop.</summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class AddClinicalAgentTests(TinyModelFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-addagent-").FullName;

    [Fact]
    public async Task AddClinicalAgent_FromConfiguration_KernelToolsAndLoopRunOnTheStore()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(1, 3, new DateTimeOffset(2023, 11, 13, 10, 15, 0, TimeSpan.Zero))).Generate());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:ModelPath"] = model.ModelPath,
            // The tiny vocabulary spells the 21 tools' declarations in about 17,000 tokens.
            ["Model:ContextSize"] = "32768",
            ["Model:Threads"] = "1",
            ["Model:MaxOutputTokens"] = "1024",
            // Forced: one call with short strings always fits the budget, so the first step is a call for any sample.
            ["Model:MaxStringArgumentLength"] = "16",
            ["Model:AllowMultipleToolCalls"] = "false",
            ["Tools:WriteApproval"] = "Ask",
        }).Build();
        var collection = new ServiceCollection().AddSingleton<IFhirGateway>(store).AddClinicalTools(configuration);
        collection.AddClinicalAgent(configuration, o => o.MaxSteps = 3);
        await using var services = collection.BuildServiceProvider();

        var toolset = new ClinicalToolset(services.GetRequiredService<ClinicalToolbox>().Functions);
        var answer = await services.GetRequiredService<ClinicalAgentRunner>().AskAsync("What is the latest potassium?", toolset.Functions,
            new AgentRunOptions { MaxSteps = 3, RequireToolFirst = true, ChatOptions = new ChatOptions { Seed = 1 } });

        Assert.IsType<Agent.Runtime.Local.LocalChatClient>(services.GetRequiredService<IChatClient>());
        Assert.Contains(toolset.Functions, f => f.Name == "get_observations");
        Assert.IsType<QueuedApprovalPolicy>(services.GetRequiredService<IApprovalPolicy>());
        Assert.InRange(answer.Trace.Count(s => s.Kind == AgentStepKind.Model), 1, 3);
        Assert.Contains(answer.Trace, s => s.Kind == AgentStepKind.Tool && s.Executed);
        Assert.Equal(0, answer.SchemaViolations);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
