using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>Compares a FINISH list with the expected one: numbers within a tolerance, strings exactly (MRNs
/// ignoring case), date-times as instants.</summary>
internal static class AnswerRules
{
    public static void Check(List<string> failures, IReadOnlyList<JsonElement>? expected, IReadOnlyList<JsonElement>? actual,
        decimal tolerance, bool emptyAccepted = false)
    {
        if (expected is null)
            return;
        if (actual is null)
        {
            failures.Add($"No answer list; expected {Show(expected)}.");
            return;
        }

        if (emptyAccepted && actual.Count == 0)
            return;
        if (actual.Count != expected.Count || !expected.Zip(actual).All(p => Same(p.First, p.Second, tolerance)))
            failures.Add($"Answer {Show(actual)}; expected {Show(expected)}{(emptyAccepted ? " (or [])" : "")}.");
    }

    // Written back unescaped, so a date reads "+00:00" rather than "\u002B00:00".
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Show(IReadOnlyList<JsonElement> list) => "[" + string.Join(", ", list.Select(e => JsonSerializer.Serialize(e, Readable))) + "]";

    /// <summary>One JSON value as readable text.</summary>
    public static string Show(JsonElement value) => JsonSerializer.Serialize(value, Readable);

    private static bool Same(JsonElement expected, JsonElement actual, decimal tolerance)
    {
        if (expected.ValueKind == JsonValueKind.Number)
            return NumberOf(actual) is { } value && Math.Abs(value - expected.GetDecimal()) <= tolerance;
        var want = expected.GetString() ?? "";
        var got = actual.ValueKind == JsonValueKind.String ? actual.GetString()!.Trim() : actual.GetRawText();
        if (string.Equals(want, got, StringComparison.OrdinalIgnoreCase))
            return true;
        // Dates may be written with another offset or precision and still name the same instant.
        return want.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(want, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)
            && DateTimeOffset.TryParse(got, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b) && a == b;
    }

    private static decimal? NumberOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDecimal(),
        JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
