namespace ClinicalAgent.Tools.Results;

/// <summary>One patient a search found.</summary>
internal sealed record PatientMatch(string Id, string? Mrn, string? Name, string? BirthDate, string? Gender);
