using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>Reads a trajectory's decisions out of its trace: each model step opens a reply, the tool steps after it
/// are that reply's calls, and an answered run's last reply is its final answer.</summary>
internal static class TraceActions
{
    /// <summary>The decisions of a run (or of the oracle), in order.</summary>
    /// <param name="steps">The trace.</param>
    /// <param name="stoppedReason">Why it stopped: only <c>answered</c> ends on a final answer.</param>
    /// <param name="answerText">The final answer's text.</param>
    public static IReadOnlyList<TraceAction> From(IReadOnlyList<BenchStep> steps, string stoppedReason, string answerText)
    {
        var actions = new List<TraceAction>();
        var reply = -1;
        foreach (var step in steps)
        {
            if (step.Kind == "model")
                reply++;
            else if (step.Kind == "tool")
                actions.Add(new TraceAction(step.Name, step.Arguments ?? "{}", null, Math.Max(reply, 0)));
        }

        // A scripted trace (the oracle's) has no model steps: every call is its own reply, the answer the last.
        if (reply < 0)
            actions = [.. actions.Select((a, i) => a with { Reply = i })];
        if (stoppedReason == "answered")
            actions.Add(new TraceAction(null, null, answerText, reply < 0 ? actions.Count : reply));
        return actions;
    }
}
