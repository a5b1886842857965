using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The answer-kind dimension, from a FINISH list: <c>none</c> (no list at all), <c>empty</c> (<c>[]</c>),
/// <c>not_found</c> (<c>["Patient not found"]</c>), <c>no_value</c> (<c>[-1]</c>), else the kinds of its elements in
/// order, each once, joined by <c>+</c>: <c>number</c> (a number, or a string that is one), <c>date</c> (an ISO date or
/// date-time), <c>id</c> (one word with a digit: an MRN, an image id), <c>label</c> (up to four words without digits:
/// "yes", "benign nevus"), <c>text</c> (anything longer: a free-text answer).
/// </summary>
internal static partial class AnswerKinds
{
    /// <summary>The kind of a FINISH list (null: the agent gave none).</summary>
    public static string Of(IReadOnlyList<JsonElement>? answer)
    {
        if (answer is null)
            return "none";
        if (answer.Count == 0)
            return "empty";
        if (answer.Count == 1 && answer[0].ValueKind == JsonValueKind.String
            && string.Equals(answer[0].GetString()?.Trim(), CaseBuilder.PatientNotFound, StringComparison.OrdinalIgnoreCase))
            return "not_found";
        if (answer.Count == 1 && answer[0].ValueKind == JsonValueKind.Number && answer[0].TryGetDecimal(out var n) && n == -1m)
            return "no_value";
        return string.Join("+", answer.Select(Element).Distinct(StringComparer.Ordinal));
    }

    /// <summary>The kind a task's right answer has: its expected list, its reference text (free text), or <c>[]</c>
    /// where the category grades no answer (the oracle finishes with <c>[]</c> after writing).</summary>
    public static string OfExpected(TaskExpectation? expected) => expected switch
    {
        { Answer: { } answer } => Of(answer),
        { Reference: not null } => "text",
        _ => "empty",
    };

    private static string Element(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
            return "number";
        if (element.ValueKind != JsonValueKind.String)
            return "other";
        var text = element.GetString()!.Trim();
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            return "number";
        if (DatePattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return "date";
        if (!text.Any(char.IsWhiteSpace) && text.Any(char.IsAsciiDigit))
            return "id";
        return LabelPattern().IsMatch(text) ? "label" : "text";
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[\p{L}'-]+( [\p{L}'-]+){0,3}$")]
    private static partial Regex LabelPattern();
}
