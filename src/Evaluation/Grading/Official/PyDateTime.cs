using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// A date-time as Python's <c>datetime.fromisoformat</c> reads it: aware when the text carries an offset (or
/// <c>Z</c>), naive otherwise; comparing a naive with an aware one raises, as it does in Python.
/// </summary>
internal readonly partial record struct PyDateTime(DateTimeOffset Value, bool Aware)
{
    /// <summary>Parses ISO text (date, or date and time, optional fraction and offset).</summary>
    /// <exception cref="PyError">Not an ISO date-time.</exception>
    public static PyDateTime FromIsoFormat(string? text)
    {
        var match = Iso().Match(text ?? "");
        if (!match.Success)
            throw new PyError($"ValueError: Invalid isoformat string: '{text}'");
        var offsetText = match.Groups["offset"].Value;
        var aware = offsetText.Length > 0;
        var digits = offsetText.Replace(":", "", StringComparison.Ordinal);
        var offset = digits.Length == 5
            ? new TimeSpan(int.Parse(digits[1..3], CultureInfo.InvariantCulture), int.Parse(digits[3..], CultureInfo.InvariantCulture), 0) * (digits[0] == '-' ? -1 : 1)
            : TimeSpan.Zero;
        var time = TimeSpan.Zero;
        if (!DateTime.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || (match.Groups["time"].Success && !TimeSpan.TryParse(match.Groups["time"].Value, CultureInfo.InvariantCulture, out time))
            || time >= TimeSpan.FromDays(1) || offset.Duration() > TimeSpan.FromHours(14))
            throw new PyError($"ValueError: Invalid isoformat string: '{text}'");
        return new PyDateTime(new DateTimeOffset(local.Add(time), offset), aware);
    }

    /// <summary>Python's ordering of two date-times.</summary>
    /// <exception cref="PyError">One is naive and the other aware.</exception>
    public static int Compare(PyDateTime a, PyDateTime b) => a.Aware == b.Aware
        ? a.Value.CompareTo(b.Value)
        : throw new PyError("TypeError: can't compare offset-naive and offset-aware datetimes");

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[T ](?<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(?<offset>Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex Iso();
}
