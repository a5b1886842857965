using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>What <c>bench generate --cover</c> did to a task set.</summary>
/// <param name="Tasks">The task set with the added tasks after the original ones.</param>
/// <param name="Added">The added tasks, each with its candidate kind (<see cref="CoverageCandidate"/>).</param>
/// <param name="Before">The set's coverage before.</param>
/// <param name="After">Its coverage after.</param>
/// <param name="FailedCheck">Perturbations dropped because the oracle failed them (the perturbed task would have been wrong).</param>
public sealed record CoverageExtension(
    IReadOnlyList<BenchTask> Tasks,
    IReadOnlyList<(BenchTask Task, string Kind)> Added,
    CoverageMap Before,
    CoverageMap After,
    int FailedCheck);
