namespace ClinicalAgent.Agent.Models;

/// <summary>A download that retrying will not fix: refused access, a missing file, a wrong size or checksum.</summary>
internal sealed class ModelDownloadException(string message) : IOException(message);
