using ClinicalAgent.Evaluation.Explaining;

namespace ClinicalAgent.Bench.Explain;

/// <summary>One agent's line of the explain benchmark.</summary>
/// <param name="Name">The agent as the report names it.</param>
/// <param name="Report">What explain found, with its replays' model calls and tokens.</param>
/// <param name="WallMs">Wall time of the whole explain.</param>
/// <param name="RunMsPerFailed">The run's mean wall time per failed task, for the ratio.</param>
/// <param name="RunCallsPerFailed">The run's mean model calls per failed task.</param>
internal sealed record ExplainRow(string Name, ExplainReport Report, double WallMs, double RunMsPerFailed, double RunCallsPerFailed);
