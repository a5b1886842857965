using ClinicalAgent.Agent.Loop;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Loop;

public sealed class AgentRegistrationTests
{
    [Fact]
    public async Task AddClinicalAgentRunner_Configure_RunnerUsesOptions()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("find_patient", new { name = "Ada" }),
            ScriptedChatClient.Call("find_patient", new { name = "Bob" }));
        var services = new ServiceCollection()
            .AddSingleton<IChatClient>(client)
            .AddClinicalAgentRunner(o => o.MaxSteps = 2);
        using var provider = services.BuildServiceProvider();

        var answer = await provider.GetRequiredService<ClinicalAgentRunner>().AskAsync("q", new RecordTools().All);

        Assert.Equal(AgentStoppedReason.StepLimit, answer.StoppedReason);
        Assert.Equal(2, client.Requests.Count);
    }
}
