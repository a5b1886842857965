using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Tools.Time;

/// <summary>
/// Reads the times a model writes: an ISO date or date-time (<c>2023-11-12</c>, <c>2023-11-12T08:00:00Z</c>) or a
/// span back from now (<c>24h</c>, <c>7d</c>, <c>2w</c>, <c>3m</c> months, <c>1y</c>, <c>90min</c>).
/// </summary>
internal static partial class TimeExpression
{
    /// <summary>The moment <paramref name="text"/> names, relative forms counted back from <paramref name="now"/>.</summary>
    /// <exception cref="ToolArgumentException">The text is neither form.</exception>
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string parameter)
    {
        var trimmed = text.Trim();
        var relative = RelativePattern().Match(trimmed);
        if (relative.Success)
        {
            var amount = int.Parse(relative.Groups["n"].Value, CultureInfo.InvariantCulture);
            return relative.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "min" => now.AddMinutes(-amount),
                "h" => now.AddHours(-amount),
                "d" => now.AddDays(-amount),
                "w" => now.AddDays(-7 * amount),
                "m" => now.AddMonths(-amount),
                _ => now.AddYears(-amount),
            };
        }

        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), now.Offset);
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment;
        }

        throw new ToolArgumentException(
            $"{parameter} '{text}' is not a time: use an ISO date or date-time (2023-11-12, 2023-11-12T08:00:00Z) or a span back from now (24h, 7d, 3m, 1y).");
    }

    /// <summary>The FHIR search form of a moment (seconds precision, explicit offset).</summary>
    public static string ToFhir(DateTimeOffset moment) => moment.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<n>[0-9]{1,5})\\s*(?<unit>min|h|d|w|m|y)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelativePattern();
}
