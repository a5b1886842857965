namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>What the record says at the moment a note is written; the note text is built from these facts only.</summary>
internal sealed record NoteFacts(
    PatientProfile Patient, Visit Visit, DateTimeOffset Time, bool Admission, string Complaint,
    IReadOnlyList<Problem> ActiveProblems, IReadOnlyList<ProblemListFactory.Order> ActiveOrders,
    IReadOnlyList<string> Allergies, VitalSet? Vitals, IReadOnlyList<LabResult> LatestLabs);
