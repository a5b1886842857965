namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// MedSigLIP cannot run: it is not set up, or one of its files is missing, foreign or corrupt. The message is one
/// line naming the file (or the setting) and what to do.
/// </summary>
public sealed class MedSigLipException : ClinicalAgent.Imaging.ImageModelException
{
    public MedSigLipException(string? filePath, string message, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
    }

    /// <summary>The file at fault; null when the problem is the configuration.</summary>
    public string? FilePath { get; }
}
