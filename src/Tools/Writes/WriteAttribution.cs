namespace ClinicalAgent.Tools.Writes;

/// <summary>What a write's Provenance says about it, beside the resource itself.</summary>
/// <param name="Model">The AI system that produced the resource; null when no model took part (a workflow's template alone).</param>
/// <param name="Approver">Who let it reach the record: the verifying person, or the automation.</param>
/// <param name="Sources">The resources it rests on (<c>Type/id</c>), e.g. what the agent's tools returned; the patient when none is known.</param>
/// <param name="Activity">What produced it, in words: <c>agent tool order_medication</c>, <c>workflow hypokalemia, step order</c>.</param>
/// <param name="Recorded">When it was recorded (the wall clock).</param>
public sealed record WriteAttribution(AiSystem? Model, WriteApprover Approver, IReadOnlyList<string> Sources, string Activity, DateTimeOffset Recorded);
