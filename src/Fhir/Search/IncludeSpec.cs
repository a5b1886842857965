namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// An <c>_include</c> (follow <paramref name="Parameter"/> from the matches) or <c>_revinclude</c> (find resources whose
/// <paramref name="Parameter"/> points at the matches), optionally limited to <paramref name="TargetType"/>.
/// </summary>
internal sealed record IncludeSpec(IndexedSearchParameter Parameter, string? TargetType, bool Reverse);
