namespace ClinicalAgent.Evaluation.Transcripts;

/// <summary>
/// One chat message of a task run as the model saw it, in the agent's own protocol: <c>system</c> (the system prompt
/// and the tools block), <c>user</c> (the question, or a <c>{"tool_results": [...]}</c> turn), <c>assistant</c> (a
/// <c>{"tool_calls": [...]}</c> reply or the final text). Kept in the result file; it holds record content, so it
/// stays in the run folder and never reaches a log.
/// </summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text of the message.</param>
public sealed record TranscriptMessage(string Role, string Content);
