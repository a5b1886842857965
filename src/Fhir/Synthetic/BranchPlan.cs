namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Which MedAgentBench branch each category takes for one patient. Chosen by rotating the patient index with
/// pairwise coprime moduli (4, 7, 3, 5): every branch appears within the first 7 patients, and over 420
/// patients every combination of branches appears once, so no branch always travels with another.
/// </summary>
internal sealed record BranchPlan(PotassiumBranch Potassium, MagnesiumBranch Magnesium, GlucoseBranch Glucose, HbA1cBranch HbA1c)
{
    // Action and no-action cases roughly balanced, as "Rethinking MedAgentBench" asks: K low in 2 of 4,
    // Mg ≤ 1.9 in 3 of 7, HbA1c due in 3 of 5.
    private static readonly PotassiumBranch[] PotassiumCycle =
        [PotassiumBranch.LatestLow, PotassiumBranch.LatestNormal, PotassiumBranch.None, PotassiumBranch.LatestLow];

    private static readonly MagnesiumBranch[] MagnesiumCycle =
    [
        MagnesiumBranch.RecentBelow1, MagnesiumBranch.Recent1To1_5, MagnesiumBranch.Recent1_5To1_9,
        MagnesiumBranch.RecentAbove1_9, MagnesiumBranch.OlderOnly, MagnesiumBranch.None, MagnesiumBranch.OlderOnly,
    ];

    private static readonly GlucoseBranch[] GlucoseCycle = [GlucoseBranch.SeveralRecent, GlucoseBranch.OlderOnly, GlucoseBranch.None];

    private static readonly HbA1cBranch[] HbA1cCycle =
        [HbA1cBranch.Recent, HbA1cBranch.Stale, HbA1cBranch.None, HbA1cBranch.Recent, HbA1cBranch.Stale];

    /// <summary>Magnesium or glucose values within 24 hours only come from a patient in hospital now.</summary>
    public bool NeedsCurrentAdmission =>
        Glucose == GlucoseBranch.SeveralRecent || MagnesiumIsRecent;

    public bool MagnesiumIsRecent => Magnesium is MagnesiumBranch.RecentBelow1 or MagnesiumBranch.Recent1To1_5
        or MagnesiumBranch.Recent1_5To1_9 or MagnesiumBranch.RecentAbove1_9;

    public static BranchPlan For(int patientIndex) => new(
        PotassiumCycle[patientIndex % PotassiumCycle.Length],
        MagnesiumCycle[patientIndex % MagnesiumCycle.Length],
        GlucoseCycle[patientIndex % GlucoseCycle.Length],
        HbA1cCycle[patientIndex % HbA1cCycle.Length]);
}
