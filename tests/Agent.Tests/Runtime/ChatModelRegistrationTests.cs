using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class ChatModelRegistrationTests(TinyModelFixture model)
{
    [Fact]
    public async Task AddLocalChatClient_ConfigurationAndDelegate_BindsOptionsAndAnswers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:ModelPath"] = model.ModelPath,
            ["Model:ContextSize"] = "4096",
            ["Model:Threads"] = "1",
            ["Model:Temperature"] = "0.5",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLocalChatClient(o => o.MaxOutputTokens = 16);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LocalModelOptions>>().Value;
        var client = provider.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("hello");

        Assert.Equal(4096, options.ContextSize);
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(16, options.MaxOutputTokens);
        Assert.IsType<LocalChatClient>(client);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 16);
    }

    [Fact]
    public async Task AddChatModel_ProviderLocal_RegistersLocalClient()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "local",
            ["Model:ModelPath"] = model.ModelPath,
            ["Model:Threads"] = "1",
            ["Model:ContextSize"] = "4096",
        }).Build();
        await using var provider = new ServiceCollection().AddChatModel(configuration).BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.Equal("llama.cpp", client.GetService<ChatClientMetadata>()!.ProviderName);
    }
}
