namespace ClinicalAgent.Fhir.Search;

/// <summary>One <c>_sort</c> key; <paramref name="Parameter"/> is null for <c>_id</c> and <c>_lastUpdated</c>.</summary>
internal sealed record SortKey(string Name, IndexedSearchParameter? Parameter, bool Descending);
