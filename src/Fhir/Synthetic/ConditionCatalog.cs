namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The problems the generator assigns, with rough US adult prevalences.</summary>
internal static class ConditionCatalog
{
    public static readonly ConditionDefinition Hypertension = new("38341003", "Hypertension", "hypertension", 0.08, 0.70,
        [MedicationCatalog.Lisinopril, MedicationCatalog.Amlodipine]);

    public static readonly ConditionDefinition Diabetes = new("44054006", "Type 2 diabetes mellitus", "type 2 diabetes", 0, 0,
        [MedicationCatalog.Metformin]);

    public static readonly ConditionDefinition Hyperlipidemia = new("55822004", "Hyperlipidemia", "hyperlipidemia", 0.08, 0.50,
        [MedicationCatalog.Atorvastatin]);

    public static readonly ConditionDefinition ChronicKidneyDisease = new("709044004", "Chronic kidney disease", "chronic kidney disease", 0.01, 0.25, []);

    public static readonly ConditionDefinition HeartFailure = new("42343007", "Congestive heart failure", "heart failure", 0, 0.15,
        [MedicationCatalog.Furosemide, MedicationCatalog.Metoprolol]);

    public static readonly ConditionDefinition AtrialFibrillation = new("49436004", "Atrial fibrillation", "atrial fibrillation", 0, 0.18,
        [MedicationCatalog.Metoprolol, MedicationCatalog.Warfarin]);

    public static readonly ConditionDefinition Copd = new("13645005", "Chronic obstructive lung disease", "COPD", 0.01, 0.14,
        [MedicationCatalog.Albuterol]);

    public static readonly ConditionDefinition Asthma = new("195967001", "Asthma", "asthma", 0.09, 0.06,
        [MedicationCatalog.Albuterol], ResolveChance: 0.15);

    public static readonly ConditionDefinition Hypothyroidism = new("40930008", "Hypothyroidism", "hypothyroidism", 0.04, 0.14,
        [MedicationCatalog.Levothyroxine]);

    public static readonly ConditionDefinition Osteoarthritis = new("396275006", "Osteoarthritis", "osteoarthritis", 0.02, 0.45,
        [MedicationCatalog.Acetaminophen]);

    public static readonly ConditionDefinition Depression = new("35489007", "Depressive disorder", "depression", 0.12, 0.10,
        [MedicationCatalog.Sertraline], ResolveChance: 0.35);

    public static readonly ConditionDefinition Obesity = new("414916001", "Obesity", "obesity", 0.32, 0.30, []);

    public static readonly ConditionDefinition Gerd = new("235595009", "Gastroesophageal reflux disease", "GERD", 0.10, 0.22, [],
        ResolveChance: 0.2);

    public static readonly ConditionDefinition Hypokalemia = new("43339004", "Hypokalemia", "hypokalemia", 0, 0, []);

    public static readonly ConditionDefinition Hypomagnesemia = new("190855004", "Hypomagnesemia", "hypomagnesemia", 0, 0, []);

    /// <summary>The problems drawn by prevalence; diabetes, hypokalemia and hypomagnesemia follow the branch plan instead.</summary>
    public static readonly IReadOnlyList<ConditionDefinition> ByPrevalence =
    [
        Hypertension, Hyperlipidemia, ChronicKidneyDisease, HeartFailure, AtrialFibrillation, Copd, Asthma,
        Hypothyroidism, Osteoarthritis, Depression, Obesity, Gerd,
    ];
}
