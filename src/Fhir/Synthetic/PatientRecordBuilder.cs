using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Builds one patient's whole record in reference order: Patient, Encounters, Conditions, AllergyIntolerances,
/// MedicationRequests, Immunizations, Procedures, then per encounter its vitals, labs, lab reports and notes.
/// </summary>
internal sealed class PatientRecordBuilder(int index, string mrn, SyntheticRandom rng, ClinicTime clock)
{
    private static readonly string[] Complaints =
        ["chest pain", "shortness of breath", "dizziness", "abdominal pain", "weakness and fatigue", "a fall at home", "palpitations", "fever and cough"];

    private int _observations;
    private int _reports;
    private int _notes;

    public List<Resource> Build()
    {
        var profile = ProfileFactory.Create(mrn, BranchPlan.For(index), rng, clock, SharedResources.PrimaryCare, SharedResources.Hospitalists);
        var visits = VisitPlanner.Plan(profile, rng, clock);
        ChartBeforeLastVisit(profile, visits);
        var draws = LabPlanner.Plan(profile, visits, rng, clock);
        LabSteering.Apply(profile, visits, draws, rng, clock);
        var vitals = VitalsPlanner.Plan(profile, visits, rng, clock);

        var resources = new List<Resource>(512) { DemographicsFactory.Create(profile, rng) };
        resources.AddRange(visits.Select(v => EncounterFactory.Create(mrn, v)));

        var orders = new List<ProblemListFactory.Order>();
        var requests = new List<MedicationRequest>();
        var prescribed = new HashSet<MedicationDefinition>();
        for (var i = 0; i < profile.Problems.Count; i++)
        {
            var problem = profile.Problems[i];
            var recordedAt = ProblemListFactory.RecordedAt(problem, visits);
            var conditionId = $"{mrn}-cond-{i + 1}";
            resources.Add(ProblemListFactory.Condition(conditionId, mrn, problem, recordedAt));
            foreach (var (order, visit) in ProblemListFactory.Orders(problem, recordedAt, visits, prescribed, rng))
            {
                orders.Add(order);
                requests.Add(ProblemListFactory.Request($"{mrn}-med-{requests.Count + 1}", mrn, order, visit, conditionId));
            }
        }

        var allergies = AllergyFactory.Create(mrn, visits[0], rng).ToList();
        resources.AddRange(allergies);
        resources.AddRange(requests);
        resources.AddRange(PreventiveCareFactory.Immunizations(profile, visits, rng, clock));
        resources.AddRange(PreventiveCareFactory.Procedures(profile, visits, rng, clock));

        var allergyText = allergies
            .Select(a => $"{a.Code?.Text} ({a.Reaction[0].Manifestation[0].Text})".ToLowerInvariant())
            .ToList();
        foreach (var visit in visits)
        {
            foreach (var set in vitals.Where(s => s.Visit == visit))
            {
                resources.AddRange(ObservationFactory.Vitals(NextObservationId, mrn, set));
            }

            foreach (var draw in draws.Where(d => d.Visit == visit))
            {
                AddDraw(resources, profile, draw);
            }

            var complaint = rng.Pick(Complaints);
            foreach (var (time, admission) in NoteTimes(visit))
            {
                var facts = new NoteFacts(
                    profile, visit, time, admission, complaint,
                    [.. profile.Problems.Where(p => p.ActiveAt(time))],
                    [.. orders.Where(o => o.Authored <= time && (o.Stopped is null || o.Stopped > time))],
                    allergyText,
                    vitals.LastOrDefault(s => s.Time <= time),
                    LatestLabs(draws, time));
                resources.Add(ClinicalNoteFactory.Create($"{mrn}-doc-{++_notes}", facts));
            }
        }

        return resources;
    }

    /// <summary>A problem cannot be charted at a visit before it began: one that began after the last visit began before it.</summary>
    private void ChartBeforeLastVisit(PatientProfile profile, List<Visit> visits)
    {
        var last = visits[^1].Start;
        for (var i = 0; i < profile.Problems.Count; i++)
        {
            if (profile.Problems[i].Onset > last)
            {
                profile.Problems[i] = profile.Problems[i] with { Onset = ClinicTime.Minute(last.AddDays(-rng.Next(7, 60))) };
            }
        }
    }

    private void AddDraw(List<Resource> resources, PatientProfile profile, LabDraw draw)
    {
        // Point-of-care glucose is read at the bedside; the laboratory takes one to three hours.
        var pointOfCare = draw.Results.Count == 1 && draw.Results[0].Lab == LabCatalog.CapillaryGlucose;
        var minutes = pointOfCare ? rng.Next(1, 4) : rng.Next(40, 180);
        var untilNow = (clock.Now - draw.Time).TotalMinutes;
        var issued = ClinicTime.Minute(draw.Time.AddMinutes(Math.Min(minutes, untilNow / 2)));

        var bmp = new List<string>();
        var cbc = new List<string>();
        foreach (var result in draw.Results)
        {
            var id = NextObservationId();
            resources.Add(ObservationFactory.Lab(id, mrn, draw, result, profile.Female, issued));
            (LabCatalog.Bmp.Contains(result.Lab) ? bmp : LabCatalog.Cbc.Contains(result.Lab) ? cbc : null)?.Add(id);
        }

        if (bmp.Count > 0)
        {
            resources.Add(ObservationFactory.Panel($"{mrn}-dr-{++_reports}", mrn, draw, LabCatalog.BmpCode, LabCatalog.BmpDisplay, bmp, issued));
        }

        if (cbc.Count > 0)
        {
            resources.Add(ObservationFactory.Panel($"{mrn}-dr-{++_reports}", mrn, draw, LabCatalog.CbcCode, LabCatalog.CbcDisplay, cbc, issued));
        }
    }

    /// <summary>One note per ambulatory or ED visit; in hospital an H&amp;P, then a progress note each later morning.</summary>
    private List<(DateTimeOffset Time, bool Admission)> NoteTimes(Visit visit)
    {
        var times = new List<(DateTimeOffset, bool)> { (ProblemListFactory.Charted(visit), visit.Kind == VisitKind.Inpatient) };
        if (visit.Kind == VisitKind.Inpatient)
        {
            var until = visit.End ?? clock.Now.AddMinutes(-15);
            var day = visit.Start.ToOffset(ClinicTime.Offset).Date.AddDays(1);
            for (; day <= until.ToOffset(ClinicTime.Offset).Date; day = day.AddDays(1))
            {
                var time = new DateTimeOffset(day.AddMinutes(rng.Next(10 * 60 + 30, 11 * 60 + 30)), ClinicTime.Offset);
                if (time < until && time > visit.Start.AddHours(12))
                {
                    times.Add((time, false));
                }
            }
        }

        return times;
    }

    private static List<LabResult> LatestLabs(List<LabDraw> draws, DateTimeOffset time)
    {
        var since = time.AddDays(-400);
        var latest = new List<LabResult>();
        foreach (var lab in ClinicalNoteText.NoteLabs)
        {
            var found = draws.LastOrDefault(d => d.Time <= time && d.Time >= since && d.Find(lab) is not null)?.Find(lab);
            if (found is not null)
            {
                latest.Add(found);
            }
        }

        return latest;
    }

    private string NextObservationId() => $"{mrn}-obs-{++_observations}";
}
