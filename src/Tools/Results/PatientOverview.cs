namespace ClinicalAgent.Tools.Results;

/// <summary>A patient's chart at a glance: record counts, what is active now, the latest vitals and key labs.</summary>
internal sealed record PatientOverview(
    PatientDetails Patient,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<ConditionRow> ActiveProblems,
    IReadOnlyList<MedicationRow> ActiveMedications,
    IReadOnlyList<AllergyRow> Allergies,
    EncounterRow? LastEncounter,
    IReadOnlyList<ObservationRow> LatestVitals,
    IReadOnlyList<ObservationRow> KeyLabs);
