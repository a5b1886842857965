namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// Restricts a search to one compartment, as <c>GET Patient/123/Observation</c> does: only resources that the
/// compartment definition's parameters link to <c>Patient/123</c>.
/// </summary>
/// <param name="Type">The compartment type; the store serves <c>Patient</c>.</param>
/// <param name="Id">The id of the resource that defines the compartment.</param>
public sealed record SearchCompartment(string Type, string Id);
