namespace ClinicalAgent.Bench.Store;

/// <summary>A query shape (latest potassium, name and birth date...) with its seeded sample of concrete queries.</summary>
/// <param name="Key">Short label in the report: a, b, c1...</param>
/// <param name="Title">What the shape asks, in words.</param>
/// <param name="Queries">Distinct concrete queries, cycled through when more timings than queries are wanted.</param>
public sealed record QueryCase(string Key, string Title, IReadOnlyList<BenchQuery> Queries)
{
    public BenchQuery this[int i] => Queries[i % Queries.Count];
}
