namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Plausible values for a patient: kidney disease raises creatinine, diabetes raises glucose and HbA1c, and so on.</summary>
internal static class LabValues
{
    public static decimal Sample(LabDefinition lab, PatientProfile patient, SyntheticRandom rng)
    {
        var ckd = patient.Has(ConditionCatalog.ChronicKidneyDisease);
        var diabetic = patient.Diabetic;
        var value = lab.Loinc switch
        {
            "2951-2" => rng.Around(139m, 2.2m, 0),
            "2823-3" => rng.Around(ckd ? 4.6m : 4.2m, 0.3m, 1),
            "2075-0" => rng.Around(103m, 2.2m, 0),
            "2028-9" => rng.Around(ckd ? 22m : 25m, 1.8m, 0),
            "3094-0" => rng.Around(ckd ? 32m : 14m, ckd ? 6m : 3.5m, 0),
            "2160-0" => ckd ? rng.Around(1.9m, 0.3m, 2) : rng.Around(patient.Female ? 0.8m : 1.0m, 0.12m, 2),
            "2345-7" => diabetic ? rng.Around(150m, 28m, 0) : rng.Around(91m, 7m, 0),
            "17861-6" => rng.Around(9.4m, 0.3m, 1),
            "2339-0" => diabetic ? rng.Around(175m, 35m, 0) : rng.Around(108m, 14m, 0),
            "19123-9" => rng.Around(2.0m, 0.15m, 1),
            "4548-4" => diabetic ? rng.Around(7.4m, 0.7m, 1) : rng.Around(5.3m, 0.2m, 1),
            "6690-2" => rng.Around(7.2m, 1.4m, 1),
            "718-7" => rng.Around(patient.Female ? 13.4m : 14.8m, 0.8m, 1) - (ckd ? 1.5m : 0m),
            "777-3" => rng.Around(250m, 45m, 0),
            _ => rng.Around((lab.Low + lab.High) / 2, (lab.High - lab.Low) / 6, lab.Decimals),
        };

        // The roughly normal draw is bounded, but never let a value reach zero or below.
        return Math.Max(value, lab.Low / 4);
    }

    /// <summary>Hematocrit tracks hemoglobin at about three times its value.</summary>
    public static decimal HematocritFor(decimal hemoglobin, SyntheticRandom rng) =>
        Math.Round(hemoglobin * 2.95m + rng.Around(0m, 0.6m, 1), 1);
}
