namespace ClinicalAgent.CdsHooks.Feedback;

/// <summary>The body of <c>POST /cds-services/{id}/feedback</c>.</summary>
internal sealed record CdsFeedbackRequest(IReadOnlyList<CdsFeedbackItem>? Feedback);

/// <summary>What the user did with one card.</summary>
internal sealed record CdsFeedbackItem(string? Card, string? Outcome, IReadOnlyList<CdsAcceptedSuggestion>? AcceptedSuggestions,
    DateTimeOffset? OutcomeTimestamp);

/// <summary>A suggestion the user accepted, by its uuid.</summary>
internal sealed record CdsAcceptedSuggestion(string? Id);
