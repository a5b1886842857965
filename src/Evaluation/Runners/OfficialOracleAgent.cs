using ClinicalAgent.Evaluation.Protocol;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The official-shaped oracle (<c>bench run --agent oracle-official</c>): MedAgentBench's text protocol against a served
/// FHIR base, through the same <see cref="ProtocolAgent"/> a model runs in, with payloads and answers exactly as the
/// benchmark's official graders expect them (<see cref="OfficialPayloads"/>). Over an official-profile task set and a
/// store seeded with <c>--style medagentbench</c> it should pass every task under the official grader; a miss there is
/// a fault in the store, the tasks or that grader.
/// </summary>
/// <remarks>
/// It reads whole search bundles (a patient's labs under one code can exceed the protocol's usual 12,000-character cut,
/// which is there to spare a model's context, not the oracle's).
/// </remarks>
public sealed class OfficialOracleAgent(HttpClient http, Uri fhirBase) : IBenchAgent
{
    /// <summary>The agent's name in results and reports.</summary>
    public const string AgentName = "oracle-official";

    private const int WholeBundles = 64 * 1024 * 1024;

    private readonly string _base = fhirBase.AbsoluteUri.EndsWith('/') ? fhirBase.AbsoluteUri : fhirBase.AbsoluteUri + "/";

    /// <inheritdoc/>
    public string Name => AgentName;

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var client = new OfficialOracleClient(task, _base);
        return await new ProtocolAgent(http, new Uri(_base), client, maxRounds: 8, maxResponseChars: WholeBundles)
            .RunAsync(task, cancellationToken).ConfigureAwait(false);
    }
}
