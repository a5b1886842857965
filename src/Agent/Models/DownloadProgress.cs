namespace ClinicalAgent.Agent.Models;

/// <summary>How far a download is; <see cref="TotalBytes"/> is null when the server does not say.</summary>
public sealed record DownloadProgress(string FileName, long BytesReceived, long? TotalBytes);
