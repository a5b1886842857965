using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Tools.Tests.Writes;

/// <summary>A model identity fixed by the test, in place of the host's model runtime.</summary>
internal sealed class FixedAiSystem : IAiSystemSource
{
    public static AiSystem Model { get; } = new("medgemma-test", "sha256:0123abcd");

    public ValueTask<AiSystem> DescribeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Model);
}
