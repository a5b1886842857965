namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Draws one patient's demographics, body size and chronic problems.</summary>
internal static class ProfileFactory
{
    /// <summary>Problems that began before this many years are charted as starting then: older onsets are rarely known.</summary>
    private const int MaxOnsetYears = 20;

    public static PatientProfile Create(string mrn, BranchPlan plan, SyntheticRandom rng, ClinicTime clock, IReadOnlyList<string> primaryCare, IReadOnlyList<string> hospitalists)
    {
        var female = rng.Chance(0.52);
        var age = rng.Next(18, 96);

        // Born age years and 1..364 days before today, so the age at "now" is exactly age.
        var birthDate = clock.Today.AddYears(-age).AddDays(-rng.Next(1, 365));
        var obese = rng.Chance(ConditionCatalog.Obesity.PrevalenceAt(age));
        var height = female ? rng.Around(162m, 6m, 1) : rng.Around(176m, 7m, 1);
        var bmi = obese ? rng.Between(30.5m, 41m, 1) : rng.Between(19.5m, 29.4m, 1);
        var meters = height / 100m;

        var profile = new PatientProfile
        {
            Mrn = mrn,
            Plan = plan,
            Female = female,
            Given = rng.Pick(female ? NameLists.FemaleGiven : NameLists.MaleGiven),
            Middle = rng.Chance(0.4) ? rng.Pick(female ? NameLists.FemaleGiven : NameLists.MaleGiven) : null,
            Family = rng.Pick(NameLists.Family),
            BirthDate = birthDate,
            Age = age,
            PrimaryPractitionerId = rng.Pick(primaryCare),
            HospitalistId = rng.Pick(hospitalists),
            HeightCm = height,
            WeightKg = Math.Round(bmi * meters * meters, 1),
        };

        foreach (var condition in ConditionCatalog.ByPrevalence)
        {
            var present = condition == ConditionCatalog.Obesity ? obese : rng.Chance(condition.PrevalenceAt(age));
            if (present)
            {
                profile.Problems.Add(Draw(condition, age, rng, clock));
            }
        }

        // Diabetes needs an HbA1c history, so only patients whose plan has one can be diabetic.
        if (plan.HbA1c != HbA1cBranch.None && rng.Chance(0.5))
        {
            profile.Problems.Add(Draw(ConditionCatalog.Diabetes, age, rng, clock));
        }

        return profile;
    }

    private static Problem Draw(ConditionDefinition condition, int age, SyntheticRandom rng, ClinicTime clock)
    {
        var maxDays = Math.Max(60, Math.Min(age - 18, MaxOnsetYears) * 365);
        var onsetDays = rng.Next(45, maxDays + 1);
        var onset = clock.At(onsetDays, rng.Next(8 * 60, 17 * 60));
        DateTimeOffset? resolved = null;
        if (condition.ResolveChance > 0 && onsetDays > 200 && rng.Chance(condition.ResolveChance))
        {
            resolved = clock.At(onsetDays - rng.Next(90, onsetDays - 30), rng.Next(8 * 60, 17 * 60));
        }

        return new Problem(condition, onset, resolved);
    }
}
