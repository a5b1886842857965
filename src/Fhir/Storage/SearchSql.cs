namespace ClinicalAgent.Fhir.Storage;

/// <summary>The WHERE and ORDER BY of a search over <c>resources r</c>, with their parameter values.</summary>
internal sealed record SearchSql(string Where, string OrderBy, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
