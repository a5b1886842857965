namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Shares one <see cref="OfficialShapedStore"/> across the parity test classes.</summary>
[CollectionDefinition(Name)]
public sealed class OfficialStoreCollection : ICollectionFixture<OfficialShapedStore>
{
    public const string Name = "Official-shaped store";
}
