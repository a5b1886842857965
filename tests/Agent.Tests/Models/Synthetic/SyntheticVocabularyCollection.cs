namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

/// <summary>Shares one <see cref="SyntheticVocabularyFixture"/> (a 262k-token model) across the classes that need it.</summary>
[CollectionDefinition(Name)]
public sealed class SyntheticVocabularyCollection : ICollectionFixture<SyntheticVocabularyFixture>
{
    public const string Name = "Synthetic Gemma vocabulary";
}
