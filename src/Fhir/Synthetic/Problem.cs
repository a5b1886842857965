namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One of a patient's problems: when it began and, if it is over, when it resolved.</summary>
internal sealed record Problem(ConditionDefinition Definition, DateTimeOffset Onset, DateTimeOffset? Resolved = null)
{
    public bool ActiveAt(DateTimeOffset time) => Onset <= time && (Resolved is null || Resolved > time);
}
