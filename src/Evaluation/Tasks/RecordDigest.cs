namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>What the free-text questions ask about one patient, read from the whole record.</summary>
/// <param name="Mrn">The patient (MRN = Patient.id).</param>
/// <param name="Potassium">Potassium results (mmol/L codes), newest first.</param>
/// <param name="HbA1c">HbA1c results (%), newest first.</param>
/// <param name="Creatinine">Creatinine results, newest first.</param>
/// <param name="ActiveMedications">Active medication orders.</param>
public sealed record RecordDigest(
    string Mrn,
    IReadOnlyList<RecordLab> Potassium,
    IReadOnlyList<RecordLab> HbA1c,
    IReadOnlyList<RecordLab> Creatinine,
    IReadOnlyList<RecordMedication> ActiveMedications);
