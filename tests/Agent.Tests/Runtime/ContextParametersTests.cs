using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>llama.cpp's thread counts from <see cref="LocalModelOptions"/>: a lone token and a batch may use different counts.</summary>
public sealed class ContextParametersTests
{
    [Fact]
    public void For_BatchThreadsUnset_BatchesUseTheDecodeThreads()
    {
        var options = new LocalModelOptions { Threads = 3 };

        var parameters = ContextParameters.For(options, "model.gguf");

        Assert.Equal(3, parameters.Threads);
        Assert.Equal(3, parameters.BatchThreads);
    }

    [Fact]
    public void For_BatchThreadsSet_LoneTokensKeepTheDecodeThreads()
    {
        var options = new LocalModelOptions { Threads = 1, BatchThreads = 2 };

        var parameters = ContextParameters.For(options, "model.gguf");

        Assert.Equal(1, parameters.Threads);
        Assert.Equal(2, parameters.BatchThreads);
    }
}
