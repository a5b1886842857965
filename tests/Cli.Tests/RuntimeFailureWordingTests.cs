using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Cli.Tests;

/// <summary>A request the runtime cannot finish ends the command with one line and exit code 1, never a stack trace.</summary>
public sealed class RuntimeFailureWordingTests
{
    public static TheoryData<Exception> Failures() =>
    [
        new GrammarDeadEndException("The reply's grammar allows no token that may be sampled here."),
        new ConversationBusyException(),
    ];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RunAsync_RuntimeFailure_OneErrorLineAndExitCodeOne(Exception failure)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error);

        var code = await context.RunAsync(() => throw failure);

        Assert.Equal(1, code);
        Assert.Equal($"error: {failure.Message}", error.ToString().TrimEnd());
        Assert.DoesNotContain("   at ", error.ToString());
    }
}
