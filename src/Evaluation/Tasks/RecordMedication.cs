namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>One active medication order as the record (or the get_medications tool) shows it.</summary>
/// <param name="Id">Its reference, <c>MedicationRequest/id</c>.</param>
/// <param name="Name">The product's name.</param>
public sealed record RecordMedication(string Id, string Name);
