namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// The instants a FHIR date, dateTime or instant stands for: <c>2023</c> is all of 2023, <c>2023-11-13</c> the
/// whole day. Bounds are inclusive Unix milliseconds (UTC). A value without a time zone is read as UTC.
/// </summary>
public readonly record struct FhirDateRange(long Low, long High)
{
    /// <summary>The range of an open start or end: everything.</summary>
    public static readonly FhirDateRange Unbounded = new(long.MinValue, long.MaxValue);

    /// <summary>Parses a FHIR date/dateTime/instant (any precision); false when it is not one.</summary>
    /// <remarks>
    /// The shapes accepted: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, then optionally <c>Thh:mm</c>, <c>:ss</c>,
    /// <c>.f</c> (1–9 digits) and a zone (<c>Z</c> or <c>±hh:mm</c>), ASCII digits only; a final line feed is ignored.
    /// Read by hand rather than by a regular expression: every date of every resource written is parsed here, and a
    /// match with its groups cost about 2 KB and 2.5 µs a value.
    /// </remarks>
    public static bool TryParse(string? text, out FhirDateRange range)
    {
        range = default;
        if (text is null)
            return false;
        var s = text.AsSpan();
        if (s.EndsWith("\n"))
            s = s[..^1];
        if (!Digits(s, 0, 4, out var year))
            return false;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
        var precision = Precision.Year;
        var offset = TimeSpan.Zero;
        var at = 4;
        if (at < s.Length)
        {
            if (s[at] != '-' || !Digits(s, at + 1, 2, out month))
                return false;
            precision = Precision.Month;
            at += 3;
        }

        if (at < s.Length)
        {
            if (s[at] != '-' || !Digits(s, at + 1, 2, out day))
                return false;
            precision = Precision.Day;
            at += 3;
        }

        if (at < s.Length)
        {
            if (s[at] != 'T' || !Digits(s, at + 1, 2, out hour) || !Has(s, at + 3, ':') || !Digits(s, at + 4, 2, out minute))
                return false;
            precision = Precision.Minute;
            at += 6;
            if (Has(s, at, ':'))
            {
                if (!Digits(s, at + 1, 2, out second))
                    return false;
                precision = Precision.Second;
                at += 3;
                if (Has(s, at, '.'))
                {
                    var digits = 0;
                    while (at + 1 + digits < s.Length && char.IsAsciiDigit(s[at + 1 + digits]))
                        digits++;
                    if (digits is 0 or > 9)
                        return false;
                    // Milliseconds: the first three digits, padded with zeros.
                    for (var i = 0; i < 3; i++)
                        millisecond = (millisecond * 10) + (i < digits ? s[at + 1 + i] - '0' : 0);
                    precision = Precision.Fraction;
                    at += 1 + digits;
                }
            }

            if (at < s.Length && !Zone(s[at..], out offset))
                return false;
        }

        try
        {
            var start = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, offset);
            var end = precision switch
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

    private static bool Has(ReadOnlySpan<char> s, int at, char c) => at < s.Length && s[at] == c;

    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
            return false;
        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
                return false;
            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    // The whole rest of the value: "Z" or "+hh:mm" / "-hh:mm".
    private static bool Zone(ReadOnlySpan<char> zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "Z")
            return true;
        if (zone.Length != 6 || zone[0] is not ('+' or '-') || zone[3] != ':' || !Digits(zone, 1, 2, out var hours) || !Digits(zone, 4, 2, out var minutes))
            return false;
        offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(hours, minutes, 0);
        return true;
    }
}
