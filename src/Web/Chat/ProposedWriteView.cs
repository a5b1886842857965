namespace ClinicalAgent.Web.Chat;

/// <summary>A write awaiting approval as the page shows it: the whole proposed resource, and what decides it.</summary>
internal sealed record ProposedWriteView(string Id, string Tool, string ResourceType, string Summary, string PatientId, string Resource, DateTimeOffset ProposedAt);
