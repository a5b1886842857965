namespace ClinicalAgent.ModelApi;

/// <summary>Settings of /v1, the OpenAI-compatible endpoint (configuration section <c>ModelApi</c>).</summary>
public sealed class ModelApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ModelApi";

    /// <summary>Whether <c>serve</c> maps /v1 at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The largest request body accepted, in bytes (default 32 MiB: room for a few images as data URLs).</summary>
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The <c>owned_by</c> of the served model in <c>/v1/models</c> (default <c>clinicalagent</c>).</summary>
    public string OwnedBy { get; set; } = "clinicalagent";
}
