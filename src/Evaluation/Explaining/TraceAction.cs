namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// One decision of a trajectory: a tool call or the final answer. Decisions are numbered as the failure analysis numbers
/// the run's calls (tool calls in order, the answer after them), so a decisive step and the first-departure hint can be
/// set side by side.
/// </summary>
/// <param name="Tool">The tool called; null for the final answer.</param>
/// <param name="ArgumentsJson">The call's arguments as a JSON object.</param>
/// <param name="AnswerText">The final answer as written (<c>FINISH([...])</c>); null for a tool call.</param>
/// <param name="Reply">Which model reply of the trajectory made it (several calls may share one reply).</param>
internal sealed record TraceAction(string? Tool, string? ArgumentsJson, string? AnswerText, int Reply)
{
    /// <summary>Whether this is the final answer rather than a tool call.</summary>
    public bool IsAnswer => Tool is null;

    /// <summary>The decision as a report shows it: <c>get_patient({"patient_id":"S1"})</c> or the answer's text.</summary>
    public override string ToString() => IsAnswer ? AnswerText ?? "" : $"{Tool}({ArgumentsJson})";
}
