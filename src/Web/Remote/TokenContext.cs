namespace ClinicalAgent.Web.Remote;

/// <summary>The SMART launch context of a token response: the patient and encounter in context, the person, the scopes granted.</summary>
internal sealed record TokenContext(string? Patient, string? Encounter, string? FhirUser, string? Scope);
