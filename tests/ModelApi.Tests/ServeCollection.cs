namespace ClinicalAgent.ModelApi.Tests;

/// <summary>The tests against one served endpoint run one at a time: one model, one machine's two cores, and the CLI
/// test sets a process environment variable.</summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "Served /v1";
}
