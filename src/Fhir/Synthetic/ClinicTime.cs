using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// The clinic's wall clock. Every time is a local clinic time with an explicit offset, built from days before
/// "now" and a minute of the day, so shifting Now by whole days shifts the whole record by the same amount.
/// </summary>
internal sealed class ClinicTime(DateTimeOffset now)
{
    /// <summary>A fixed US Eastern standard offset: daylight saving would make the offset depend on the date.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-5);

    public DateTimeOffset Now { get; } = now;

    /// <summary>The clinic's calendar date of "now".</summary>
    public DateTime Today { get; } = now.ToOffset(Offset).Date;

    /// <summary>The local time <paramref name="minuteOfDay"/> on the day <paramref name="daysBefore"/> days before today.</summary>
    public DateTimeOffset At(int daysBefore, int minuteOfDay) =>
        new(Today.AddDays(-daysBefore).AddMinutes(minuteOfDay), Offset);

    /// <summary>
    /// The latest moment at or before <paramref name="notAfter"/> that falls on <paramref name="minuteOfDay"/>
    /// local time: the last daily 05:30 draw before a given moment, say.
    /// </summary>
    public static DateTimeOffset LastAt(DateTimeOffset notAfter, int minuteOfDay)
    {
        var local = notAfter.ToOffset(Offset);
        var candidate = new DateTimeOffset(local.Date.AddMinutes(minuteOfDay), Offset);
        return candidate <= local ? candidate : candidate.AddDays(-1);
    }

    /// <summary>Drops seconds and below, as a charted time would: always moves earlier, never past "now".</summary>
    public static DateTimeOffset Minute(DateTimeOffset time)
    {
        var local = time.ToOffset(Offset);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, Offset);
    }

    public static FhirDateTime DateTime(DateTimeOffset time) => new(Text(time));

    public static string Text(DateTimeOffset time) =>
        time.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whole years between <paramref name="birthDate"/> and <paramref name="on"/>.</summary>
    public static int AgeOn(DateTime birthDate, DateTime on)
    {
        var age = on.Year - birthDate.Year;
        return birthDate.AddYears(age) > on ? age - 1 : age;
    }
}
