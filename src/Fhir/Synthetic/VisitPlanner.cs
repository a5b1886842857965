namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Lays out about five years of encounters: check-ups and follow-ups, a few emergency visits and stays.</summary>
internal static class VisitPlanner
{
    public const int HistoryDays = 5 * 365;

    public static List<Visit> Plan(PatientProfile profile, SyntheticRandom rng, ClinicTime clock)
    {
        var visits = new List<Visit>();

        // Walk back from the most recent visit, which is always a check-up, so every record has fresh
        // ambulatory labs and vitals; sicker patients come back more often.
        var sick = profile.Problems.Count >= 3;
        var day = rng.Next(10, 60);
        var lastCheckUp = -1000;
        while (day <= HistoryDays)
        {
            var checkUp = day - lastCheckUp >= 330;
            lastCheckUp = checkUp ? day : lastCheckUp;
            var withLabs = checkUp || rng.Chance(0.5);

            // Visits with labs are booked in the morning for fasting draws.
            var minute = withLabs ? rng.Next(30, 45) * 15 : rng.Next(32, 66) * 15;
            var start = clock.At(day, minute);
            var kind = checkUp ? VisitKind.CheckUp : VisitKind.FollowUp;
            visits.Add(new Visit("", kind, start, start.AddMinutes(rng.Next(35, 60)), profile.PrimaryPractitionerId, withLabs));
            day += sick ? rng.Next(85, 140) : rng.Next(115, 190);
        }

        var emergencies = rng.Next(0, sick ? 4 : 2);
        for (var i = 0; i < emergencies; i++)
        {
            var start = clock.At(rng.Next(70, HistoryDays), rng.Next(0, 24 * 60));
            AddUnlessOverlapping(visits, new Visit("", VisitKind.Emergency, start, start.AddMinutes(rng.Next(180, 420)), profile.HospitalistId, true));
        }

        if (rng.Chance(sick ? 0.5 : 0.15))
        {
            var startDay = rng.Next(90, HistoryDays);
            var start = clock.At(startDay, rng.Next(10 * 60, 23 * 60));
            var end = clock.At(startDay - rng.Next(2, 6), rng.Next(11 * 60, 15 * 60));
            AddUnlessOverlapping(visits, new Visit("", VisitKind.Inpatient, start, end, profile.HospitalistId, true));
        }

        if (profile.Plan.NeedsCurrentAdmission)
        {
            // At least 28 hours in hospital: a full day of fingersticks and a morning draw inside the last 24 hours.
            var start = ClinicTime.Minute(clock.Now.AddMinutes(-rng.Next(28 * 60, 80 * 60)));
            visits.Add(new Visit("", VisitKind.Inpatient, start, null, profile.HospitalistId, true));
        }

        visits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return [.. visits.Select((v, i) => v with { Id = $"{profile.Mrn}-enc-{i + 1}" })];
    }

    /// <summary>Nobody is in two places at once: a visit that would overlap another (give or take a day) is dropped.</summary>
    private static void AddUnlessOverlapping(List<Visit> visits, Visit visit)
    {
        var from = visit.Start.AddDays(-1);
        var to = (visit.End ?? visit.Start).AddDays(1);
        if (!visits.Exists(v => v.Start < to && (v.End ?? v.Start) > from))
        {
            visits.Add(visit);
        }
    }
}
