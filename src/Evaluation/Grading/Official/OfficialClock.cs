using System.Globalization;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// The fixed NOW and the texts the official graders derive from it. They hard-code MedAgentBench's
/// <c>2023-11-13T10:15:00+00:00</c>; we take the task's now, which is that instant for the benchmark's own task files
/// and for official-style generated sets, so the strings below are theirs exactly there.
/// </summary>
internal sealed class OfficialClock(DateTimeOffset now)
{
    public DateTimeOffset Now => now;

    /// <summary>NOW as the graders compare it with <c>==</c>: <c>2023-11-13T10:15:00+00:00</c>.</summary>
    public string NowText => now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>What <c>authoredOn</c> must contain in categories 5 and 9: <c>2023-11-13T10:15</c>.</summary>
    public string NowMinuteText => now.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What the potassium lab's <c>occurrenceDateTime</c> must contain: <c>2023-11-14T08:</c>.</summary>
    public string NextMorningText => now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T08:";

    /// <summary>NOW as an aware Python datetime.</summary>
    public PyDateTime Cutoff => new(now, true);

    /// <summary><c>cutoff - timedelta(hours=24)</c>.</summary>
    public PyDateTime DayBefore => new(now.AddHours(-24), true);

    /// <summary>The HbA1c staleness line, one calendar year before NOW.</summary>
    public PyDateTime YearBefore => new(now.AddYears(-1), true);

    /// <summary>The official <c>calculate_age</c>: whole years at NOW's date, one less before the birthday.</summary>
    public int AgeAt(DateTime birth)
    {
        var today = now.Date;
        var age = today.Year - birth.Year;
        return (today.Month, today.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }
}
