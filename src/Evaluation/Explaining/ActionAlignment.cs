using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// Lines a run's decisions up with the oracle's: walking the run, the oracle's next decision is the first one the run
/// has not yet made in order (the rule the first-departure hint follows). Every run decision that is not that one is a
/// departure, and so a place to substitute it; so is the point where a run stopped before the oracle did.
/// </summary>
internal static class ActionAlignment
{
    /// <summary>The substitutions to try, earliest first.</summary>
    public static IReadOnlyList<Substitution> Substitutions(IReadOnlyList<TraceAction> run, IReadOnlyList<TraceAction> oracle)
    {
        var substitutions = new List<Substitution>();
        var next = 0;
        for (var i = 0; i < run.Count && next < oracle.Count; i++)
        {
            if (Same(run[i], oracle[next]))
                next++;
            else
                substitutions.Add(new Substitution(i, oracle[next], run[i]));
        }

        // A run that stopped without an answer (step limit, repeats) can still be given the oracle's next decision.
        if (next < oracle.Count && (run.Count == 0 || !run[^1].IsAnswer))
            substitutions.Add(new Substitution(run.Count, oracle[next], null));
        return substitutions;
    }

    /// <summary>The same decision: the same tool with the oracle's arguments, or the same answer list.</summary>
    public static bool Same(TraceAction given, TraceAction wanted)
    {
        if (given.IsAnswer || wanted.IsAnswer)
            return given.IsAnswer && wanted.IsAnswer && Show(AnswerParser.Parse(given.AnswerText)) == Show(AnswerParser.Parse(wanted.AnswerText));
        return given.Tool == wanted.Tool && FailureAnalysis.DifferingKeys(wanted.ArgumentsJson, given.ArgumentsJson).Count == 0;
    }

    private static string? Show(IReadOnlyList<System.Text.Json.JsonElement>? list) => list is null ? null : AnswerRules.Show(list);
}
