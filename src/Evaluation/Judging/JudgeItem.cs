namespace ClinicalAgent.Evaluation.Judging;

/// <summary>One pair to judge: a task's question and two answers to it.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Category">The task's category.</param>
/// <param name="Question">The task's instruction and context, as the agent read them.</param>
/// <param name="A">The first candidate (run A, or the run judged against the reference).</param>
/// <param name="B">The second candidate (run B, or the reference answer).</param>
public sealed record JudgeItem(string TaskId, int Category, string Question, JudgeCandidate A, JudgeCandidate B);
