namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Decides when blood is drawn and what is measured: panels at ambulatory visits with labs, stat labs in the
/// emergency department, daily morning labs and fingersticks before meals and at bedtime in hospital.
/// </summary>
internal static class LabPlanner
{
    /// <summary>Fingerstick glucose before meals and at bedtime, local minute of day.</summary>
    private static readonly int[] FingerstickMinutes = [7 * 60 + 30, 11 * 60 + 30, 16 * 60 + 30, 21 * 60];

    public static List<LabDraw> Plan(PatientProfile patient, IReadOnlyList<Visit> visits, SyntheticRandom rng, ClinicTime clock)
    {
        var draws = new List<LabDraw>();
        foreach (var visit in visits.Where(v => v.WithLabs))
        {
            if (visit.Ambulatory)
            {
                Ambulatory(patient, visit, rng, clock, draws);
            }
            else if (visit.Kind == VisitKind.Emergency)
            {
                Emergency(patient, visit, rng, draws);
            }
            else
            {
                Inpatient(patient, visit, rng, clock, draws);
            }
        }

        draws.RemoveAll(d => d.Results.Count == 0);
        draws.Sort((a, b) => a.Time.CompareTo(b.Time));
        return draws;
    }

    private static void Ambulatory(PatientProfile patient, Visit visit, SyntheticRandom rng, ClinicTime clock, List<LabDraw> draws)
    {
        var plan = patient.Plan;
        if (plan.Glucose != GlucoseBranch.None && patient.Diabetic && rng.Chance(0.4))
        {
            AddCbg(patient, visit, visit.Start.AddMinutes(5), rng, draws);
        }

        var draw = new LabDraw(visit, visit.Start.AddMinutes(rng.Next(10, 30)));
        draws.Add(draw);
        if (plan.Potassium != PotassiumBranch.None)
        {
            AddBmp(patient, draw, rng);
        }

        if (visit.Kind == VisitKind.CheckUp || rng.Chance(0.3))
        {
            AddCbc(patient, draw, rng);
        }

        var magnesiumProne = patient.Has(ConditionCatalog.HeartFailure) || patient.Has(ConditionCatalog.ChronicKidneyDisease);
        if (plan.Magnesium != MagnesiumBranch.None && rng.Chance(magnesiumProne ? 0.6 : 0.25))
        {
            Add(patient, draw, LabCatalog.Magnesium, rng);
        }

        var hbA1cDue = patient.Diabetic ? rng.Chance(0.8) : visit.Kind == VisitKind.CheckUp && rng.Chance(0.5);
        if (hbA1cDue && HbA1cAllowed(plan, draw.Time, clock))
        {
            Add(patient, draw, LabCatalog.HbA1c, rng);
        }
    }

    private static void Emergency(PatientProfile patient, Visit visit, SyntheticRandom rng, List<LabDraw> draws)
    {
        var plan = patient.Plan;
        if (plan.Glucose != GlucoseBranch.None && patient.Diabetic)
        {
            AddCbg(patient, visit, visit.Start.AddMinutes(rng.Next(5, 20)), rng, draws);
        }

        var draw = new LabDraw(visit, visit.Start.AddMinutes(rng.Next(20, 50)));
        draws.Add(draw);
        if (plan.Potassium != PotassiumBranch.None)
        {
            AddBmp(patient, draw, rng);
        }

        AddCbc(patient, draw, rng);
        if (plan.Magnesium != MagnesiumBranch.None && rng.Chance(0.5))
        {
            Add(patient, draw, LabCatalog.Magnesium, rng);
        }
    }

    private static void Inpatient(PatientProfile patient, Visit visit, SyntheticRandom rng, ClinicTime clock, List<LabDraw> draws)
    {
        var plan = patient.Plan;
        var current = visit.InProgress;

        // The admission in progress measures magnesium and glucose exactly as the branch plan needs; a past
        // stay only if those analytes belong to this patient's record at all.
        var magnesium = current ? plan.MagnesiumIsRecent : plan.Magnesium != MagnesiumBranch.None && rng.Chance(0.7);
        var fingersticks = current
            ? plan.Glucose == GlucoseBranch.SeveralRecent
            : plan.Glucose != GlucoseBranch.None && (patient.Diabetic || rng.Chance(0.3));
        var end = visit.End ?? clock.Now.AddMinutes(-30);

        var times = new List<DateTimeOffset> { visit.Start.AddMinutes(rng.Next(30, 60)) };
        var morning = rng.Next(20, 27) * 15;
        var daily = new List<DateTimeOffset>();
        for (var t = ClinicTime.LastAt(end, morning); t > visit.Start.AddHours(4); t = t.AddDays(-1))
        {
            daily.Add(t);
        }

        daily.Reverse();
        times.AddRange(daily);

        // Morning labs can fall just outside the last 24 hours when "now" is early; a stat draw closes that gap.
        if (current && magnesium && times[^1] < clock.Now.AddHours(-23))
        {
            times.Add(ClinicTime.Minute(clock.Now.AddMinutes(-rng.Next(45, 150))));
        }

        for (var i = 0; i < times.Count; i++)
        {
            var draw = new LabDraw(visit, times[i]);
            draws.Add(draw);
            if (plan.Potassium != PotassiumBranch.None)
            {
                AddBmp(patient, draw, rng);
            }

            if (i % 2 == 0)
            {
                AddCbc(patient, draw, rng);
            }

            if (magnesium)
            {
                Add(patient, draw, LabCatalog.Magnesium, rng);
            }
        }

        if (fingersticks)
        {
            var notAfter = visit.End ?? clock.Now.AddMinutes(-10);
            for (var day = visit.Start.ToOffset(ClinicTime.Offset).Date; day <= notAfter.ToOffset(ClinicTime.Offset).Date; day = day.AddDays(1))
            {
                foreach (var minute in FingerstickMinutes)
                {
                    var time = new DateTimeOffset(day.AddMinutes(minute + rng.Next(-20, 21)), ClinicTime.Offset);
                    if (time > visit.Start.AddMinutes(30) && time < notAfter)
                    {
                        AddCbg(patient, visit, time, rng, draws);
                    }
                }
            }
        }
    }

    public static bool HbA1cAllowed(BranchPlan plan, DateTimeOffset time, ClinicTime clock) => plan.HbA1c switch
    {
        HbA1cBranch.Recent => true,
        HbA1cBranch.Stale => time < clock.Now.AddDays(-400),
        _ => false,
    };

    public static void AddCbg(PatientProfile patient, Visit visit, DateTimeOffset time, SyntheticRandom rng, List<LabDraw> draws)
    {
        var draw = new LabDraw(visit, time);
        Add(patient, draw, LabCatalog.CapillaryGlucose, rng);
        draws.Add(draw);
    }

    public static void Add(PatientProfile patient, LabDraw draw, LabDefinition lab, SyntheticRandom rng) =>
        draw.Results.Add(new LabResult(lab, LabValues.Sample(lab, patient, rng)));

    private static void AddBmp(PatientProfile patient, LabDraw draw, SyntheticRandom rng)
    {
        foreach (var lab in LabCatalog.Bmp)
        {
            Add(patient, draw, lab, rng);
        }
    }

    private static void AddCbc(PatientProfile patient, LabDraw draw, SyntheticRandom rng)
    {
        foreach (var lab in LabCatalog.Cbc)
        {
            var value = lab == LabCatalog.Hematocrit
                ? LabValues.HematocritFor(draw.Find(LabCatalog.Hemoglobin)!.Value, rng)
                : LabValues.Sample(lab, patient, rng);
            draw.Results.Add(new LabResult(lab, value));
        }
    }
}
