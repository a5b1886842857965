namespace ClinicalAgent.Agent.Models;

/// <summary>Where models are cached and how they are fetched.</summary>
public sealed class ModelDownloadOptions
{
    public const string CacheVariable = "CLINICALAGENT_MODELS";
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>The model cache. Default: <c>$CLINICALAGENT_MODELS</c>, else <c>~/.cache/clinicalagent/models</c>.</summary>
    public string CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>Sent as a bearer token, for gated Hugging Face repositories. Default: <c>$HF_TOKEN</c>.</summary>
    public string? HuggingFaceToken { get; set; } = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token : null;

    /// <summary>Tries per file; a dropped connection resumes from the bytes already on disk.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before resuming after a dropped connection.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public static string DefaultCacheDirectory() =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "clinicalagent", "models");
}
