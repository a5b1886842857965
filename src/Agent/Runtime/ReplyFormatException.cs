namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// A reply that starts like a tool call but is not a valid one (bad JSON, wrong shape, a tool that
/// was not offered). Only possible when generation was not grammar-constrained or was cut off.
/// </summary>
internal sealed class ReplyFormatException : FormatException
{
    public ReplyFormatException(string message, string reply, Exception? innerException = null)
        : base(message, innerException) => Reply = reply;

    /// <summary>The raw reply, for logs and for showing the model its mistake.</summary>
    public string Reply { get; }
}
