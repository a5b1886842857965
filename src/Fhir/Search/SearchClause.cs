namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// One search parameter occurrence: its values are alternatives (OR); several clauses must all hold (AND).
/// <paramref name="Parameter"/> is null for <c>_id</c> and <c>_lastUpdated</c>, which the store answers from its columns.
/// </summary>
internal sealed record SearchClause(string Name, IndexedSearchParameter? Parameter, string? Modifier, IReadOnlyList<string> Values);
