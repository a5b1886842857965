namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The RxNorm products the generator prescribes, each for the conditions in <see cref="ConditionCatalog"/>.</summary>
internal static class MedicationCatalog
{
    public static readonly MedicationDefinition Lisinopril = new("314076", "lisinopril 10 MG Oral Tablet", "lisinopril 10 mg",
        "Take 1 tablet (10 mg) by mouth once daily.", 1, 1m);

    public static readonly MedicationDefinition Amlodipine = new("197361", "amlodipine 5 MG Oral Tablet", "amlodipine 5 mg",
        "Take 1 tablet (5 mg) by mouth once daily.", 1, 1m);

    public static readonly MedicationDefinition Metformin = new("861007", "metformin hydrochloride 500 MG Oral Tablet", "metformin 500 mg",
        "Take 1 tablet (500 mg) by mouth twice daily with meals.", 2, 1m);

    public static readonly MedicationDefinition Atorvastatin = new("617310", "atorvastatin 20 MG Oral Tablet", "atorvastatin 20 mg",
        "Take 1 tablet (20 mg) by mouth once daily at bedtime.", 1, 1m);

    public static readonly MedicationDefinition Furosemide = new("310429", "furosemide 20 MG Oral Tablet", "furosemide 20 mg",
        "Take 1 tablet (20 mg) by mouth once daily in the morning.", 1, 1m);

    public static readonly MedicationDefinition Metoprolol = new("866427", "24 HR metoprolol succinate 25 MG Extended Release Oral Tablet",
        "metoprolol succinate ER 25 mg", "Take 1 tablet (25 mg) by mouth once daily. Do not crush.", 1, 1m);

    public static readonly MedicationDefinition Levothyroxine = new("966222", "levothyroxine sodium 0.05 MG Oral Tablet", "levothyroxine 50 mcg",
        "Take 1 tablet (50 mcg) by mouth once daily before breakfast.", 1, 1m);

    public static readonly MedicationDefinition Albuterol = new("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler",
        "albuterol inhaler", "Inhale 2 puffs every 4 to 6 hours as needed for wheezing or shortness of breath.", 6, 2m, Inhaled: true, AsNeeded: true);

    public static readonly MedicationDefinition Warfarin = new("855332", "warfarin sodium 5 MG Oral Tablet", "warfarin 5 mg",
        "Take 1 tablet (5 mg) by mouth once daily in the evening, or as directed by the anticoagulation clinic.", 1, 1m);

    public static readonly MedicationDefinition Sertraline = new("312940", "sertraline 50 MG Oral Tablet", "sertraline 50 mg",
        "Take 1 tablet (50 mg) by mouth once daily.", 1, 1m);

    public static readonly MedicationDefinition Acetaminophen = new("198440", "acetaminophen 500 MG Oral Tablet", "acetaminophen 500 mg",
        "Take 2 tablets (1000 mg) by mouth every 8 hours as needed for joint pain.", 3, 2m, AsNeeded: true);
}
