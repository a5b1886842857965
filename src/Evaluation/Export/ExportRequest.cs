using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>What to export.</summary>
/// <param name="Format">DPO pairs or SFT conversations.</param>
/// <param name="Runs">The runs' results, each as its repeats (<see cref="RepeatFolders.ReadAll"/>).</param>
/// <param name="Oracle">An oracle run's results, whose trajectory is the chosen one where no run passed a task; null for none.</param>
/// <param name="Categories">Only these categories; empty for all.</param>
/// <param name="MinMargin">Only tasks whose judge margin is at least this; null for no filter.</param>
/// <param name="Margins">The judge margin per task id (<see cref="JudgeMargins"/>); needed with <paramref name="MinMargin"/>.</param>
public sealed record ExportRequest(
    ExportFormat Format,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<TaskResult>>> Runs,
    IReadOnlyList<TaskResult>? Oracle = null,
    IReadOnlySet<int>? Categories = null,
    double? MinMargin = null,
    IReadOnlyDictionary<string, double>? Margins = null);
