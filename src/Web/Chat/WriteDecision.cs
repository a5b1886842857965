namespace ClinicalAgent.Web.Chat;

/// <summary>The body of a rejection: why (recorded in the log with who and when).</summary>
internal sealed record WriteDecision(string? Reason);
