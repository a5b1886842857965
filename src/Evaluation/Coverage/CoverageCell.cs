namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// One cell of the coverage space: a tool call of a given argument shape, made in a task whose record is in a given
/// branch, whose answer is of a given kind, with or without writes. A trajectory visits one cell per tool call.
/// </summary>
/// <param name="Tool">The tool's name as the model sees it (<c>get_observations</c>), <c>GET Observation</c> /
/// <c>POST MedicationRequest</c> in protocol runs, or <c>none</c> for a trajectory that called nothing.</param>
/// <param name="ArgumentKind">The shape of the call's arguments (<see cref="ArgumentKinds"/>), e.g. <c>patient_id+code:token+window+count</c>.</param>
/// <param name="RecordBranch">What the record holds for the task (<see cref="RecordBranches"/>), e.g. <c>no_value_in_window</c>.</param>
/// <param name="AnswerKind">The kind of the final answer (<see cref="AnswerKinds"/>), e.g. <c>number</c>, <c>not_found</c>.</param>
/// <param name="Write">Whether the trajectory writes (for a task set: whether its right outcome does).</param>
public sealed record CoverageCell(string Tool, string ArgumentKind, string RecordBranch, string AnswerKind, bool Write)
{
    /// <summary>The tool of a trajectory with no tool call.</summary>
    public const string NoTool = "none";

    /// <summary>The write dimension in words.</summary>
    public string WriteText => Write ? "write" : "no write";

    /// <summary>The cell as one line: <c>tool(argument kind) · branch · answer · write</c>.</summary>
    public override string ToString() => $"{Tool}({ArgumentKind}) · {RecordBranch} · {AnswerKind} · {WriteText}";
}
