using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// A run of an official grader's <c>assert</c> lines inside its <c>try</c>: the first that is false, or that raises,
/// decides the task as failed; later ones are not evaluated, as in Python.
/// </summary>
internal sealed class OfficialAsserts(string task)
{
    /// <summary>The first failed assert, or null while all held.</summary>
    public OfficialDecision? Failed { get; private set; }

    /// <summary>Evaluates one assert unless an earlier one failed.</summary>
    /// <param name="rule">The rule's short name (<c>route</c>).</param>
    /// <param name="statement">The assert as the grader writes it.</param>
    /// <param name="condition">The check; a <see cref="PyError"/> from it is the grader's exception.</param>
    /// <param name="actual">What the payload held there, for the reason text.</param>
    public OfficialAsserts That(string rule, string statement, Func<bool> condition, Func<string>? actual = null)
    {
        if (Failed is not null)
            return this;
        try
        {
            if (!condition())
                Failed = OfficialDecision.Fail($"{task}.{rule}", $"assert {statement} is false{Got(actual)}.");
        }
        catch (PyError error)
        {
            Failed = OfficialDecision.Fail($"{task}.{rule}", $"assert {statement} raises {error.Message}.");
        }

        return this;
    }

    /// <summary>The payload's value at a path as JSON text, or what raises reaching it.</summary>
    public static Func<string> Shown(JsonElement payload, params object[] path) => () =>
    {
        try
        {
            return PyJson.At(payload, path).GetRawText();
        }
        catch (PyError error)
        {
            return error.Message;
        }
    };

    private static string Got(Func<string>? actual)
    {
        if (actual is null)
            return "";
        try
        {
            return $" (got {actual()})";
        }
        catch (PyError error)
        {
            return $" ({error.Message})";
        }
    }
}
