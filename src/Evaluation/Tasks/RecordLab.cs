namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>One lab result as the record (or the get_observations tool) shows it.</summary>
/// <param name="Id">Its reference, <c>Observation/id</c>.</param>
/// <param name="Value">valueQuantity.value.</param>
/// <param name="Unit">valueQuantity.unit (or code) as written.</param>
/// <param name="EffectiveText">effectiveDateTime exactly as written.</param>
/// <param name="When">That time.</param>
public sealed record RecordLab(string Id, decimal Value, string Unit, string EffectiveText, DateTimeOffset When);
