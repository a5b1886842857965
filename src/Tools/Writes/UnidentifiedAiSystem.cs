namespace ClinicalAgent.Tools.Writes;

/// <summary>The default when the host names no model: the Provenance still says an AI system wrote, just not which.</summary>
internal sealed class UnidentifiedAiSystem : IAiSystemSource
{
    /// <inheritdoc/>
    public ValueTask<AiSystem> DescribeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(AiSystem.Unidentified);
}
