namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>One cell of a coverage map and its visits.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Visits">Tool calls that landed in it.</param>
/// <param name="Designed">Whether the designed space has it; a run's wrong calls and answers land outside it.</param>
public sealed record CellVisits(CoverageCell Cell, int Visits, bool Designed);
