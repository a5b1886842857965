using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>What an agent did with one task, before grading.</summary>
/// <param name="AnswerText">The final answer as the agent wrote it.</param>
/// <param name="Answer">The FINISH list read from it; null when there was none.</param>
/// <param name="Posts">The writes it proposed, in order.</param>
/// <param name="Steps">Its trace.</param>
/// <param name="StoppedReason">Why it stopped (<c>answered</c>, <c>step_limit</c>, <c>invalid_action</c>, …).</param>
/// <param name="InvalidAction">True when it gave a reply the protocol does not allow (or a final answer without a list).</param>
/// <param name="Transcript">The conversation as the model saw it, in the agent's protocol; null where none was recorded.</param>
public sealed record TaskRun(
    string AnswerText,
    IReadOnlyList<JsonElement>? Answer,
    IReadOnlyList<ProposedPost> Posts,
    IReadOnlyList<BenchStep> Steps,
    string StoppedReason,
    bool InvalidAction = false,
    IReadOnlyList<Transcripts.TranscriptMessage>? Transcript = null);
