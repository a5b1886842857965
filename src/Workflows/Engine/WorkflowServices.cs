using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>What steps reach out to: the FHIR gateway, the model and its tools, HTTP, the clinical clock.</summary>
/// <param name="Gateway">The FHIR store or server.</param>
/// <param name="ClinicalNow">The clinical "now" (a synthetic store's frozen now, else the clock).</param>
/// <param name="ChatClient">Makes the model on first use by an agent step; null when the host has none (agent steps fail, saying so).</param>
/// <param name="Tools">The model-facing clinical tools; an agent step gets the ones it names.</param>
/// <param name="Http">For webhook notifications.</param>
/// <param name="Time">The clock for waits and retries.</param>
public sealed record WorkflowServices(
    IFhirGateway Gateway,
    Func<CancellationToken, Task<DateTimeOffset>> ClinicalNow,
    Func<IChatClient>? ChatClient,
    Func<IReadOnlyList<AIFunction>> Tools,
    HttpClient Http,
    TimeProvider Time)
{
    /// <summary>Names the model in the Provenance of writes an agent step contributed to; unidentified when null.</summary>
    public IAiSystemSource? AiSystem { get; init; }
}
