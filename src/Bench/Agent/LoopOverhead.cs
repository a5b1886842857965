namespace ClinicalAgent.Bench.Agent;

/// <summary>Where a turn's time went, per step, with an instant model: the loop's own work and the tools'.</summary>
/// <param name="Turns">Turns timed.</param>
/// <param name="StepsPerTurn">Model steps per turn (tool steps plus the answer).</param>
/// <param name="LoopMsPerStep">Median over turns of (turn wall time − model time − tool time) / model steps.</param>
/// <param name="LoopP95MsPerStep">The same, 95th percentile.</param>
/// <param name="ToolMsPerCall">Median tool call time.</param>
/// <param name="ModelMsPerStep">Median time inside the instant model call (the client boundary itself).</param>
internal sealed record LoopOverhead(int Turns, int StepsPerTurn, double LoopMsPerStep, double LoopP95MsPerStep, double ToolMsPerCall, double ModelMsPerStep);
