namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A conversation handed to one request, and how many prompt tokens its cache already holds.</summary>
internal sealed record ConversationLease(CachedConversation Conversation, int ReusedTokens, bool Forked);
