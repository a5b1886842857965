namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>The request or the service's answer is unusable; the message is short and safe to return with <see cref="Status"/>.</summary>
internal sealed class CdsServiceException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; } = status;
}
