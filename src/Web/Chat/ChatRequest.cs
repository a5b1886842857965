namespace ClinicalAgent.Web.Chat;

/// <summary>The body of <c>POST /app/api/chat</c>: a question about a patient.</summary>
internal sealed record ChatRequest(string? PatientId, string? Question);
