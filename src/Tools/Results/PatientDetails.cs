namespace ClinicalAgent.Tools.Results;

/// <summary>
/// A patient's demographics. <see cref="Age"/> is in whole years at the clinical "now", or at death for a deceased
/// patient (null when the death date is unknown: an age as of today would be wrong).
/// </summary>
internal sealed record PatientDetails(
    string Id, string? Mrn, string? Name, string? BirthDate, int? Age, string? Gender, bool? Deceased, string? DeceasedDate, string? Phone,
    string? Address);
