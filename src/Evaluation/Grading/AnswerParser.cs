using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>
/// Reads the FINISH list from a final answer, leniently: <c>FINISH([...])</c>, else the last JSON list in the text
/// (a model may explain first and end with the list, or wrap it in a code fence), else a bare number.
/// </summary>
internal static partial class AnswerParser
{
    /// <summary>The answer list, or null when the text holds none.</summary>
    public static IReadOnlyList<JsonElement>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var finish = Finish().Match(text);
        if (finish.Success && TryList(finish.Groups[1].Value) is { } listed)
            return listed;

        for (var end = text.LastIndexOf(']'); end >= 0; end = end == 0 ? -1 : text.LastIndexOf(']', end - 1))
        {
            for (var start = text.LastIndexOf('[', end); start >= 0; start = start == 0 ? -1 : text.LastIndexOf('[', start - 1))
            {
                if (TryList(text[start..(end + 1)]) is { } list)
                    return list;
            }
        }

        var trimmed = text.Trim().TrimEnd('.');
        return decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? [JsonDocument.Parse(trimmed.TrimStart('+')).RootElement.Clone()]
            : null;
    }

    private static List<JsonElement>? TryList(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(e => e.Clone())]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"FINISH\s*\(\s*(\[.*\])\s*\)", RegexOptions.Singleline)]
    private static partial Regex Finish();
}
