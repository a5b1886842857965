using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>The clinical tools of the registered kernel, as the agent loop hands them to the model (bare snake_case names).</summary>
/// <param name="Functions">The tools, by the names the model sees.</param>
public sealed record ClinicalToolset(IReadOnlyList<AIFunction> Functions);
