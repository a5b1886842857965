using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>
/// Grades a free-text answer by the facts it must state (<see cref="RequiredFact"/>): a value counts only when its
/// unit follows it (<c>3.2 mmol/L</c>, not <c>3.2</c>); a date in the record's own format or ISO 8601 (the same
/// instant, or the same calendar day written <c>yyyy-MM-dd</c>); an id as <c>Type/id</c> or bare; a term as a
/// whole word. Anything else the answer says is the judge's to weigh.
/// </summary>
internal static partial class RequiredFactGrader
{
    /// <summary>The answer's text: the strings of the FINISH list when it has any, else the answer as written.</summary>
    public static string AnswerOf(IReadOnlyList<JsonElement>? answer, string? answerText)
    {
        var strings = answer?.Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToList();
        return strings is { Count: > 0 } ? string.Join("\n", strings) : answerText ?? "";
    }

    /// <summary>Adds a failure to <paramref name="failures"/> for each fact <paramref name="answer"/> does not state.</summary>
    public static void Check(List<string> failures, IReadOnlyList<RequiredFact> facts, string answer)
    {
        foreach (var fact in facts)
        {
            switch (fact.Kind)
            {
                case RequiredFact.Quantity when !HasQuantity(answer, fact.Value, fact.Unit ?? ""):
                    failures.Add($"Missing {fact.Value} {fact.Unit} (a value counts only with its unit).");
                    break;
                case RequiredFact.Date when !HasDate(answer, fact.Value):
                    failures.Add($"Missing the date {fact.Value} (the record's format or ISO 8601).");
                    break;
                case RequiredFact.Id when !HasId(answer, fact.Value):
                    failures.Add($"Missing the resource id {fact.Value}.");
                    break;
                case RequiredFact.Term when !HasTerm(answer, [fact.Value, .. fact.Alternatives ?? []]):
                    failures.Add($"Missing '{fact.Value}'{(fact.Alternatives is { Count: > 0 } ? $" (or {string.Join(", ", fact.Alternatives.Where(a => a != fact.Value).Select(a => $"'{a}'"))})" : "")}.");
                    break;
                case not (RequiredFact.Quantity or RequiredFact.Date or RequiredFact.Id or RequiredFact.Term):
                    throw new InvalidDataException($"A required fact has the unknown kind '{fact.Kind}'.");
            }
        }
    }

    /// <summary>Whether a number equal to <paramref name="value"/> appears directly followed by <paramref name="unit"/>.</summary>
    internal static bool HasQuantity(string answer, string value, string unit)
    {
        var want = decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
        var pattern = new Regex(@"(?<![\d.])(\d+(?:\.\d+)?)\s*" + Regex.Escape(unit.Trim()) + @"(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return pattern.Matches(answer).Any(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) == want);
    }

    /// <summary>Whether a date in the answer names <paramref name="recordText"/>: the text itself, an ISO date-time of
    /// the same instant, or an ISO date of the same day (in the record's own offset).</summary>
    internal static bool HasDate(string answer, string recordText)
    {
        if (answer.Contains(recordText, StringComparison.OrdinalIgnoreCase))
            return true;
        var day = recordText.Length >= 10 ? recordText[..10] : recordText;
        var instant = DateTimeOffset.TryParse(recordText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
        foreach (Match match in IsoDate().Matches(answer))
        {
            if (match.Value.Length == 10 ? match.Value == day
                : instant is { } at && DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var said) && said == at)
                return true;
        }

        return false;
    }

    /// <summary>Whether <c>Type/id</c> or the bare id appears as a whole token.</summary>
    internal static bool HasId(string answer, string reference)
    {
        var bare = reference[(reference.LastIndexOf('/') + 1)..];
        return new Regex(@"(?<![A-Za-z0-9\-.])(?:" + Regex.Escape(reference) + "|" + Regex.Escape(bare) + @")(?![A-Za-z0-9\-])").IsMatch(answer);
    }

    private static bool HasTerm(string answer, IEnumerable<string> words) =>
        words.Any(w => new Regex(@"(?<![A-Za-z])" + Regex.Escape(w) + "(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).IsMatch(answer));

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")]
    private static partial Regex IsoDate();
}
