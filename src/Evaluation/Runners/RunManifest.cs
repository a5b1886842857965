namespace ClinicalAgent.Evaluation.Runners;

/// <summary>What a run folder holds: <c>run.json</c>.</summary>
/// <param name="Agent">The agent's name (<c>model</c>, <c>oracle</c>, <c>nothing</c>, <c>medagentbench-protocol</c>).</param>
/// <param name="Model">The model file, for model runs.</param>
/// <param name="Tasks">The task file.</param>
/// <param name="Fhir">The FHIR store or base URL.</param>
/// <param name="Concurrency">Tasks run at once.</param>
/// <param name="Started">When the run (its first part, if resumed) started.</param>
public sealed record RunManifest(string Agent, string? Model, string Tasks, string Fhir, int Concurrency, DateTimeOffset Started)
{
    /// <summary>The grading profile (<c>clinicalagent</c>, <c>official</c> or <c>both</c>); null in folders written before
    /// profiles, which were graded by ours.</summary>
    public string? Grader { get; init; }
}
