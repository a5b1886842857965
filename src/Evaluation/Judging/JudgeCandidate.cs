namespace ClinicalAgent.Evaluation.Judging;

/// <summary>One answer the judge compares: where it came from and what the judge reads of it.</summary>
/// <param name="Source">The run folder's name, or <c>reference</c> for the task's reference answer.</param>
/// <param name="Text">The answer as the judge sees it: the final answer and any proposed writes (<see cref="CandidateText"/>).</param>
/// <param name="Passed">The rule grader's verdict on it, where a rule grader applies (null for a reference answer).</param>
public sealed record JudgeCandidate(string Source, string Text, bool? Passed);
