namespace ClinicalAgent.Evaluation.Tests;

/// <summary>Shares one <see cref="BenchStore"/> across the test classes marked <c>[Collection(BenchStoreCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class BenchStoreCollection : ICollectionFixture<BenchStore>
{
    public const string Name = "Bench store";
}
