namespace ClinicalAgent.CdsHooks.Feedback;

/// <summary>What the user did with one card.</summary>
internal sealed record CdsFeedbackItem(string? Card, string? Outcome, IReadOnlyList<CdsAcceptedSuggestion>? AcceptedSuggestions,
    DateTimeOffset? OutcomeTimestamp);
