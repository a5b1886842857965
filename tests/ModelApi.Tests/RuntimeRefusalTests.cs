using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.ModelApi.Hosting;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>How the runtime's own refusals and failures of a request reach an OpenAI client.</summary>
public sealed class RuntimeRefusalTests
{
    [Fact]
    public void RuntimeRefusal_GrammarDeadEnd_IsServerErrorNamingIt()
    {
        var refusal = ModelApiEndpoints.RuntimeRefusal(new GrammarDeadEndException("The reply's grammar allows no token."));

        Assert.NotNull(refusal);
        Assert.Equal(500, refusal.Status);
        Assert.Equal("grammar_dead_end", refusal.Code);
        Assert.Equal("server_error", refusal.Type);
        Assert.Equal("The reply's grammar allows no token.", refusal.Message);
    }

    [Fact]
    public void RuntimeRefusal_ContextOverflow_Is400OnMessages()
    {
        var refusal = ModelApiEndpoints.RuntimeRefusal(new ContextOverflowException(9000, 512, 8192));

        Assert.NotNull(refusal);
        Assert.Equal(400, refusal.Status);
        Assert.Equal("messages", refusal.Param);
        Assert.Equal("context_length_exceeded", refusal.Code);
    }

    [Fact]
    public void RuntimeRefusal_Bug_IsNotWordedAsARefusal()
    {
        Assert.Null(ModelApiEndpoints.RuntimeRefusal(new InvalidOperationException("a bug")));
    }
}
