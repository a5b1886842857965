namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// What the model's decode scheduler has done since the model loaded: how many llama.cpp decode calls it made, how many
/// tokens they carried, how many conversations took part in them (a conversation in a step counts once per step), and
/// where the steps' time went. <see cref="ConversationSteps"/> over <see cref="Steps"/> is the mean batch occupancy;
/// 1 means nothing was shared.
/// </summary>
/// <param name="Steps">Decode calls (one <c>Infer</c> each).</param>
/// <param name="Tokens">Tokens decoded by them, prompt and generated.</param>
/// <param name="ConversationSteps">Sum over the steps of the conversations each one carried.</param>
/// <param name="WidestStep">The most conversations one step has carried.</param>
/// <param name="Time">Where the steps' time went (wall clock on the scheduler, and each sample's phases).</param>
public readonly record struct DecodeCounters(long Steps, long Tokens, long ConversationSteps, int WidestStep, StepTimes Time);
