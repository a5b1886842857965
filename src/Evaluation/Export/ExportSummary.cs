namespace ClinicalAgent.Evaluation.Export;

/// <summary>What an export wrote and what it left out, and why.</summary>
/// <param name="Lines">JSON lines written.</param>
/// <param name="Tasks">Tasks that gave at least one line.</param>
/// <param name="FromOracle">Lines whose chosen (or SFT) trajectory is the oracle's.</param>
/// <param name="WithoutTranscript">Tries left out because their result file has no transcript (a run older than transcripts).</param>
/// <param name="Errored">Tries left out because the agent failed with an error (not a choice of the model).</param>
/// <param name="NoPassing">Tasks with failing tries but no passing trajectory (no run passed and no oracle trajectory).</param>
/// <param name="BelowMargin">Tasks left out by the margin filter (below it, or without a margin).</param>
public sealed record ExportSummary(int Lines, int Tasks, int FromOracle, int WithoutTranscript, int Errored, int NoPassing, int BelowMargin);
