namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>What a reply may be, which decides how it is constrained, streamed and read.</summary>
internal enum ReplyShape
{
    /// <summary>Free text (no tools offered, no response format).</summary>
    Free,

    /// <summary>The tool-call protocol: calls of offered tools, or an answer when the tool mode allows.</summary>
    Protocol,

    /// <summary>A JSON value in the requested response format, the text as sampled.</summary>
    Json,
}
