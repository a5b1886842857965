namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>One lab value as the record holds it.</summary>
/// <param name="When">Its effective time.</param>
/// <param name="Value">Its valueQuantity.value.</param>
/// <param name="EffectiveText">Its effectiveDateTime exactly as written in the resource.</param>
public sealed record LabResult(DateTimeOffset When, decimal Value, string EffectiveText);
