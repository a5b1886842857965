using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>How a generating <see cref="BatchMember"/> stops, and whether it measures log-probabilities.</summary>
/// <param name="MaxOutputTokens">Most tokens to sample, the end-of-turn token aside.</param>
/// <param name="EndsTurn">Whether a sampled token ends the reply (it is handed to the reader, never evaluated).</param>
/// <param name="Recorder">Measures each sampled position's log-probabilities, or null. The scheduler only measures
/// with it; the reader keeps the positions (<see cref="LogitsRecorder.Add"/>), so it is never written from two threads.</param>
internal sealed record MemberGeneration(int MaxOutputTokens, Func<LLamaToken, bool> EndsTurn, LogitsRecorder? Recorder);
