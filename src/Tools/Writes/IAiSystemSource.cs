namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Names the model behind the agent for the Provenance of its writes. The host bridges it to the model runtime
/// (the tools know nothing of the model); describing may read the model file once to hash it.
/// </summary>
public interface IAiSystemSource
{
    /// <summary>The model the agent runs on now.</summary>
    ValueTask<AiSystem> DescribeAsync(CancellationToken cancellationToken);
}
