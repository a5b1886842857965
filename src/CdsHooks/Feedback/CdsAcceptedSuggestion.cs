namespace ClinicalAgent.CdsHooks.Feedback;

/// <summary>A suggestion the user accepted, by its uuid.</summary>
internal sealed record CdsAcceptedSuggestion(string? Id);
