namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>When vital signs are taken: on rooming at every visit, at arrival and discharge in the ED, twice a day in hospital.</summary>
internal static class VitalsPlanner
{
    public static List<VitalSet> Plan(PatientProfile patient, IReadOnlyList<Visit> visits, SyntheticRandom rng, ClinicTime clock)
    {
        var sets = new List<VitalSet>();
        foreach (var visit in visits)
        {
            switch (visit.Kind)
            {
                case VisitKind.CheckUp:
                case VisitKind.FollowUp:
                    sets.Add(Take(patient, visit, visit.Start.AddMinutes(5), rng, weigh: true, measure: visit.Kind == VisitKind.CheckUp));
                    break;
                case VisitKind.Emergency:
                    sets.Add(Take(patient, visit, visit.Start.AddMinutes(rng.Next(5, 15)), rng, weigh: false, measure: false));
                    sets.Add(Take(patient, visit, visit.End!.Value.AddMinutes(-rng.Next(20, 40)), rng, weigh: false, measure: false));
                    break;
                default:
                    sets.Add(Take(patient, visit, visit.Start.AddMinutes(rng.Next(15, 30)), rng, weigh: true, measure: true));
                    var until = visit.End ?? clock.Now.AddMinutes(-10);
                    for (var day = visit.Start.ToOffset(ClinicTime.Offset).Date; day <= until.ToOffset(ClinicTime.Offset).Date; day = day.AddDays(1))
                    {
                        foreach (var hour in (int[])[8, 20])
                        {
                            var time = new DateTimeOffset(day.AddHours(hour).AddMinutes(rng.Next(0, 30)), ClinicTime.Offset);
                            if (time > visit.Start.AddHours(2) && time < until)
                            {
                                sets.Add(Take(patient, visit, time, rng, weigh: false, measure: false));
                            }
                        }
                    }

                    break;
            }
        }

        return sets;
    }

    private static VitalSet Take(PatientProfile patient, Visit visit, DateTimeOffset time, SyntheticRandom rng, bool weigh, bool measure)
    {
        var hypertensive = patient.Has(ConditionCatalog.Hypertension);
        var cardiac = patient.Has(ConditionCatalog.AtrialFibrillation) || patient.Has(ConditionCatalog.HeartFailure);
        var lungs = patient.Has(ConditionCatalog.Copd) || patient.Has(ConditionCatalog.HeartFailure);
        var acute = !visit.Ambulatory;

        var systolic = (int)rng.Around(hypertensive ? 138m : 118m, 8m, 0);
        var diastolic = (int)rng.Around(hypertensive ? 84m : 74m, 5m, 0);
        var heartRate = (int)rng.Around(cardiac ? 84m : acute ? 82m : 72m, 7m, 0);
        var temperature = acute && rng.Chance(0.2) ? rng.Between(37.6m, 38.8m, 1) : rng.Around(36.8m, 0.2m, 1);
        var spO2 = (int)Math.Min(100m, rng.Around(lungs ? 93m : 97m, 1m, 0));

        decimal? weight = weigh ? Math.Round(patient.WeightKg + rng.Around(0m, 1.2m, 1), 1) : null;
        decimal? height = measure ? patient.HeightCm : null;
        decimal? bmi = weight is { } kg ? Math.Round(kg / (patient.HeightCm / 100m * (patient.HeightCm / 100m)), 1) : null;
        return new VitalSet(visit, ClinicTime.Minute(time), systolic, diastolic, heartRate, temperature, spO2, weight, height, bmi);
    }
}
