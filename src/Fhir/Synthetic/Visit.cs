namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One planned encounter; <see cref="End"/> is null for the admission still in progress at "now".</summary>
internal sealed record Visit(string Id, VisitKind Kind, DateTimeOffset Start, DateTimeOffset? End, string PractitionerId, bool WithLabs)
{
    public bool Ambulatory => Kind is VisitKind.CheckUp or VisitKind.FollowUp;

    public bool InProgress => End is null;
}
