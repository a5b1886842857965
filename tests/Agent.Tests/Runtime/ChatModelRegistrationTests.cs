using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class ChatModelRegistrationTests(TinyModelFixture model)
{
    [Fact]
    public async Task AddChatModel_LocalConfiguration_BindsOptionsAndAnswers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:ModelPath"] = model.ModelPath,
            ["Model:ContextSize"] = "4096",
            ["Model:Threads"] = "1",
            ["Model:Temperature"] = "0.5",
            ["Model:MaxOutputTokens"] = "16",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatModel(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LocalModelOptions>>().Value;
        var client = provider.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("hello");

        Assert.Equal(4096, options.ContextSize);
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(16, options.MaxOutputTokens);
        Assert.IsType<LocalChatClient>(client);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 0, 16);
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
        var services = new ServiceCollection().AddLogging();
        services.AddChatModel(configuration).UseLogging();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        // The builder layers decorators over the local client; it is still there underneath.
        Assert.IsType<LoggingChatClient>(client);
        Assert.Equal("llama.cpp", client.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.NotNull(client.GetService<LocalChatClient>());
    }
}
