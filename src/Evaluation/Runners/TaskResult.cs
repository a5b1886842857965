using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>One graded task of a run: the file <c>results/&lt;id&gt;.json</c>, with the whole trace.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Category">Its category.</param>
/// <param name="Agent">The agent that ran it.</param>
/// <param name="Branch">The task's branch (from its expected outcome).</param>
/// <param name="ExpectedAction">Whether the right outcome included writes.</param>
/// <param name="Passed">The grader's verdict.</param>
/// <param name="Failures">The rules that failed.</param>
/// <param name="AnswerText">The final answer as written.</param>
/// <param name="Answer">The FINISH list read from it.</param>
/// <param name="Posts">The proposed writes.</param>
/// <param name="Steps">The trace.</param>
/// <param name="StoppedReason">Why the run of the task ended (<c>error</c> when the agent failed).</param>
/// <param name="InvalidAction">Whether it ended on an invalid action.</param>
/// <param name="InputTokens">Prompt tokens over all model steps.</param>
/// <param name="OutputTokens">Generated tokens over all model steps.</param>
/// <param name="ModelMs">Time in model calls.</param>
/// <param name="ToolMs">Time in tool calls (or HTTP requests).</param>
/// <param name="WallMs">Wall time of the task.</param>
/// <param name="Departure">For a failed task: the first step where the run left the oracle's path.</param>
/// <param name="Transcript">The conversation as the model saw it (<c>bench export</c> reads it); null in older run folders.</param>
public sealed record TaskResult(
    string TaskId,
    int Category,
    string Agent,
    string? Branch,
    bool ExpectedAction,
    bool Passed,
    IReadOnlyList<string> Failures,
    string AnswerText,
    IReadOnlyList<JsonElement>? Answer,
    IReadOnlyList<ProposedPost> Posts,
    IReadOnlyList<BenchStep> Steps,
    string StoppedReason,
    bool InvalidAction,
    long InputTokens,
    long OutputTokens,
    double ModelMs,
    double ToolMs,
    double WallMs,
    string? Departure = null,
    IReadOnlyList<Transcripts.TranscriptMessage>? Transcript = null)
{
    /// <summary>The grading profile whose verdict <see cref="Passed"/> is (<c>clinicalagent</c>, <c>official</c>, or
    /// <c>both</c>, where it is ours); null in result files written before profiles, which were ours.</summary>
    public string? Grader { get; init; }

    /// <summary>Every profile's verdict on this task, the deciding one first; null in older result files.</summary>
    public IReadOnlyList<ProfileVerdict>? Verdicts { get; init; }
}
