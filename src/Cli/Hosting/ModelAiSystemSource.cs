using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>The tools' view of the model (for the Provenance of writes), bridged from the model runtime's identity.</summary>
internal sealed class ModelAiSystemSource(ModelIdentitySource model) : IAiSystemSource
{
    /// <inheritdoc/>
    public async ValueTask<AiSystem> DescribeAsync(CancellationToken cancellationToken)
    {
        var identity = await model.DescribeAsync(cancellationToken).ConfigureAwait(false);
        return new AiSystem(identity.Name, identity.Version);
    }
}
