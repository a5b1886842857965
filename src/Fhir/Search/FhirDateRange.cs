using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// The instants a FHIR date, dateTime or instant stands for: <c>2023</c> is all of 2023, <c>2023-11-13</c> the
/// whole day. Bounds are inclusive Unix milliseconds (UTC). A value without a time zone is read as UTC.
/// </summary>
public readonly record struct FhirDateRange(long Low, long High)
{
    /// <summary>The range of an open start or end: everything.</summary>
    public static readonly FhirDateRange Unbounded = new(long.MinValue, long.MaxValue);

    private static readonly Regex Pattern = new(
        @"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Parses a FHIR date/dateTime/instant (any precision); false when it is not one.</summary>
    public static bool TryParse(string? text, out FhirDateRange range)
    {
        range = default;
        var match = text is null ? null : Pattern.Match(text);
        if (match is null || !match.Success)
        {
            return false;
        }

        try
        {
            var year = Int(match, "y");
            var month = Int(match, "mo", 1);
            var day = Int(match, "d", 1);
            var hour = Int(match, "h");
            var minute = Int(match, "mi");
            var second = Int(match, "s");
            var fraction = match.Groups["f"].Success ? match.Groups["f"].Value : "";
            var millisecond = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture);
            var offset = Offset(match.Groups["tz"].Value);

            var start = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, offset);
            var end = PrecisionOf(match, fraction) switch
            {
                Precision.Year => start.AddYears(1),
                Precision.Month => start.AddMonths(1),
                Precision.Day => start.AddDays(1),
                Precision.Minute => start.AddMinutes(1),
                Precision.Second => start.AddSeconds(1),
                _ => start.AddMilliseconds(1),
            };
            range = new FhirDateRange(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds() - 1);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // 2023-02-30, 25:00 and the like
        }
    }

    /// <summary>A single instant.</summary>
    public static FhirDateRange At(DateTimeOffset instant)
    {
        var ms = instant.ToUnixTimeMilliseconds();
        return new FhirDateRange(ms, ms);
    }

    /// <summary>The smallest range covering both.</summary>
    public FhirDateRange Union(FhirDateRange other) => new(Math.Min(Low, other.Low), Math.Max(High, other.High));

    private enum Precision { Year, Month, Day, Minute, Second, Fraction }

    private static Precision PrecisionOf(Match match, string fraction) =>
        fraction.Length > 0 ? Precision.Fraction
        : match.Groups["s"].Success ? Precision.Second
        : match.Groups["mi"].Success ? Precision.Minute
        : match.Groups["d"].Success ? Precision.Day
        : match.Groups["mo"].Success ? Precision.Month
        : Precision.Year;

    private static int Int(Match match, string group, int fallback = 0) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;

    private static TimeSpan Offset(string zone) => zone.Length switch
    {
        0 or 1 => TimeSpan.Zero,
        _ => (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0),
    };
}
