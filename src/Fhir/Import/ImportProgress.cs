namespace ClinicalAgent.Fhir.Import;

/// <summary>Progress of an import: files finished out of all, resources stored so far.</summary>
public readonly record struct ImportProgress(int FilesDone, int FilesTotal, int Resources, string CurrentFile);
