using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>What a served completion reports to telemetry: counts and the finish reason, never text.</summary>
internal sealed record CompletionOutcome(UsageDetails? Usage, string FinishReason, int Attempts);
