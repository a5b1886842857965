namespace ClinicalAgent.CdsHooks.Feedback;

/// <summary>The body of <c>POST /cds-services/{id}/feedback</c>.</summary>
internal sealed record CdsFeedbackRequest(IReadOnlyList<CdsFeedbackItem>? Feedback);
