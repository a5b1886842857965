using ClinicalAgent.TestKit;
namespace ClinicalAgent.Agent.Tests;

/// <summary>Shares one <see cref="TinyModelFixture"/> across test classes marked <c>[Collection(TinyModelCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "Tiny model";
}
