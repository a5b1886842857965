using ClinicalAgent.ModelApi.Protocol;
using ClinicalAgent.ModelApi.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.ModelApi.Tests;

public sealed class ServedModelTests
{
    [Fact]
    public void Id_NoModelConfigured_Is503NamingTheSetting()
    {
        var served = Served(new Dictionary<string, string?>());

        var error = Assert.Throws<ModelApiException>(() => served.Id);

        Assert.Equal(503, error.Status);
        Assert.Equal("model_not_loaded", error.Code);
        Assert.Contains("Model:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_RemoteProvider_Is503BecauseV1NeverRelays()
    {
        var served = Served(new Dictionary<string, string?> { ["Model:Provider"] = "openai", ["Model:ModelPath"] = "/models/x.gguf" });

        var error = Assert.Throws<ModelApiException>(() => served.Id);

        Assert.Equal(503, error.Status);
        Assert.Contains("'openai'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientFor_OtherModel_Is404()
    {
        var served = Served(new Dictionary<string, string?> { ["Model:ModelPath"] = "/models/medgemma-4b.gguf" });

        var error = Assert.Throws<ModelApiException>(() => served.ClientFor("gpt-4o"));

        Assert.Equal(404, error.Status);
        Assert.Equal("model", error.Param);
        Assert.Equal("medgemma-4b.gguf", served.Id);
    }

    private static ServedModel Served(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<ClinicalAgent.Agent.Runtime.Local.LocalModelOptions>().Bind(configuration.GetSection("Model"));
        return new ServedModel(services.BuildServiceProvider(), configuration);
    }
}
