using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir;

namespace ClinicalAgent.Evaluation.MedAgentBenchV2;

/// <summary>
/// The v2 oracle (<c>bench run --agent oracle-v2</c>): the official-shaped oracle's decisions made through the v2
/// typed tools, in the same <see cref="V2ToolsetAgent"/> loop a model runs in (<see cref="V2OracleClient"/> plays the
/// model). Over an official-profile task set and a <c>--style medagentbench</c> store it should pass every task under
/// the official grader, as <see cref="OfficialOracleAgent"/> does: a miss is a fault in the v2 tools.
/// </summary>
public sealed class V2OracleAgent(IFhirGateway gateway) : IBenchAgent
{
    /// <summary>The agent's name in results and reports.</summary>
    public const string AgentName = "oracle-v2";

    /// <inheritdoc/>
    public string Name => AgentName;

    /// <inheritdoc/>
    public Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var client = new V2OracleClient(task);
        return new V2ToolsetAgent(gateway, client, new AgentRunOptions { MaxSteps = 8 }, AgentName).RunAsync(task, cancellationToken);
    }
}
