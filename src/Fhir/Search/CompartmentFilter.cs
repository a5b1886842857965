namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// A checked compartment restriction: resources linked to <c>Type/Id</c> by any of the parameters; when the
/// searched type is the compartment's own type, the defining resource itself is in it too.
/// </summary>
internal sealed record CompartmentFilter(string Type, string Id, IReadOnlyList<IndexedSearchParameter> Parameters, bool IncludesSelf);
