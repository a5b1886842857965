namespace ClinicalAgent.Evaluation.Tests.Official;

/// <summary>Shares one <see cref="OfficialStore"/> across the test classes marked <c>[Collection(OfficialStoreCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class OfficialStoreCollection : ICollectionFixture<OfficialStore>
{
    public const string Name = "Official store";
}
