using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>The string formats the grammar writes, checked for real calendar values (the grammar cannot know that
/// February has no 30th). Other formats are annotations, as JSON Schema leaves them by default.</summary>
internal static partial class Formats
{
    public static bool Matches(string format, string text) => format switch
    {
        "date" => IsDate(text),
        "date-time" => DateTime().Match(text) is { Success: true } m && IsDate(m.Groups["date"].Value) && IsTime(m.Groups["time"].Value),
        "time" => IsTime(text),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        _ => true,
    };

    private static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>RFC 3339 time; the offset may be left out, as .NET binds a local time.</summary>
    private static bool IsTime(string text) =>
        Time().Match(text) is { Success: true } m
        && int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) < 24
        && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) < 60
        && int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) < 61; // a leap second

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?<time>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();

    [GeneratedRegex(@"^(?<h>[0-9]{2}):(?<m>[0-9]{2}):(?<s>[0-9]{2})(\.[0-9]{1,7})?([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
