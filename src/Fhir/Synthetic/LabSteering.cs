namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Makes the planned labs land on the patient's MedAgentBench branches: sets the latest potassium and magnesium
/// into the planned range, makes sure "older only" analytes exist, and charts the deficiency they reveal.
/// </summary>
internal static class LabSteering
{
    public static void Apply(PatientProfile patient, IReadOnlyList<Visit> visits, List<LabDraw> draws, SyntheticRandom rng, ClinicTime clock)
    {
        var plan = patient.Plan;
        var lastCheckUp = visits.Last(v => v.Kind == VisitKind.CheckUp);
        var lastCheckUpDraw = draws.Find(d => d.Visit == lastCheckUp && d.Find(LabCatalog.CapillaryGlucose) is null)!;

        if (Latest(draws, LabCatalog.Potassium) is (var potassiumDraw, var potassium))
        {
            var low = plan.Potassium == PotassiumBranch.LatestLow;
            potassium.Value = low ? rng.Between(2.5m, 3.4m, 1) : rng.Between(3.6m, 4.9m, 1);
            if (low)
            {
                patient.Problems.Add(new Problem(ConditionCatalog.Hypokalemia, potassiumDraw.Time));
            }
        }

        if (plan.Magnesium == MagnesiumBranch.OlderOnly && Latest(draws, LabCatalog.Magnesium) is null)
        {
            LabPlanner.Add(patient, lastCheckUpDraw, LabCatalog.Magnesium, rng);
        }

        if (plan.MagnesiumIsRecent && Latest(draws, LabCatalog.Magnesium) is (var magnesiumDraw, var magnesium))
        {
            magnesium.Value = plan.Magnesium switch
            {
                MagnesiumBranch.RecentBelow1 => rng.Between(0.6m, 0.9m, 1),
                MagnesiumBranch.Recent1To1_5 => rng.Between(1.0m, 1.4m, 1),
                MagnesiumBranch.Recent1_5To1_9 => rng.Between(1.5m, 1.9m, 1),
                _ => rng.Between(2.0m, 2.4m, 1),
            };
            if (magnesium.Value < 1.5m)
            {
                patient.Problems.Add(new Problem(ConditionCatalog.Hypomagnesemia, magnesiumDraw.Time));
            }
        }

        if (plan.Glucose == GlucoseBranch.OlderOnly && Latest(draws, LabCatalog.CapillaryGlucose) is null)
        {
            LabPlanner.AddCbg(patient, lastCheckUp, lastCheckUp.Start.AddMinutes(5), rng, draws);
        }

        var hbA1c = Latest(draws, LabCatalog.HbA1c);
        if (plan.HbA1c == HbA1cBranch.Recent && (hbA1c is null || hbA1c.Value.Draw.Time < clock.Now.AddDays(-330)))
        {
            LabPlanner.Add(patient, lastCheckUpDraw, LabCatalog.HbA1c, rng);
        }
        else if (plan.HbA1c == HbA1cBranch.Stale && hbA1c is null)
        {
            var old = draws.Last(d => d.Visit.Ambulatory && d.Time < clock.Now.AddDays(-400) && d.Find(LabCatalog.CapillaryGlucose) is null);
            LabPlanner.Add(patient, old, LabCatalog.HbA1c, rng);
        }

        draws.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    private static (LabDraw Draw, LabResult Result)? Latest(List<LabDraw> draws, LabDefinition lab)
    {
        for (var i = draws.Count - 1; i >= 0; i--)
        {
            if (draws[i].Find(lab) is { } result)
            {
                return (draws[i], result);
            }
        }

        return null;
    }
}
