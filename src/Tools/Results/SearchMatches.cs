using System.Text.Json;

namespace ClinicalAgent.Tools.Results;

/// <summary>What fhir_search found: the resources as compact JSON, cut at the entry and character caps.</summary>
internal sealed record SearchMatches(string ResourceType, int? Total, int Returned, bool Truncated, IReadOnlyList<JsonElement> Entries);
