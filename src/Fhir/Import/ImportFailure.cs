namespace ClinicalAgent.Fhir.Import;

/// <summary>A file, or one entry of a batch file, whose resources were not stored, with the error naming the entry or line.</summary>
public sealed record ImportFailure(string File, string Error);
