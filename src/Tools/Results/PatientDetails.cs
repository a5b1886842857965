namespace ClinicalAgent.Tools.Results;

/// <summary>A patient's demographics; <see cref="Age"/> is in whole years at the clinical "now".</summary>
internal sealed record PatientDetails(
    string Id, string? Mrn, string? Name, string? BirthDate, int? Age, string? Gender, bool? Deceased, string? Phone, string? Address);
