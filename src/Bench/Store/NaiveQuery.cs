using System.Text.Json;

namespace ClinicalAgent.Bench.Store;

/// <summary>The naive answer to a search: a filter over each stored JSON document, an optional sort, a page size.</summary>
/// <param name="Matches">True when the resource matches every clause of the search.</param>
/// <param name="DescendingKey">The <c>_sort=-param</c> key (resources without one last); null sorts by id, as the store does.</param>
/// <param name="Count">The page size (<c>_count</c>, or the store's default).</param>
public sealed record NaiveQuery(Func<JsonElement, bool> Matches, Func<JsonElement, long?>? DescendingKey, int Count);
