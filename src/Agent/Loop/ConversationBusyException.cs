namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// A question was asked while another turn of the same <see cref="AgentConversation"/> was still running. Its own
/// type, so a caller tells the user to wait without mistaking some other failure of the turn for this one.
/// </summary>
public sealed class ConversationBusyException : Exception
{
    public ConversationBusyException()
        : base("A turn of this conversation is still running; wait for it or cancel it first.")
    {
    }

    public ConversationBusyException(string message)
        : base(message)
    {
    }

    public ConversationBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
