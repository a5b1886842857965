using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Bench.Store;

/// <summary>One concrete question, asked both of the store's indexes and by a naive scan.</summary>
public sealed record BenchQuery(string ResourceType, SearchQuery Search, NaiveQuery Naive)
{
    public override string ToString() => $"{ResourceType}?{Search}";
}
