namespace ClinicalAgent.Mcp.Tests;

/// <summary>The tests share one store and one serve, and run one at a time (each may start processes).</summary>
[CollectionDefinition(Name)]
public sealed class McpCollection : ICollectionFixture<McpFixture>
{
    public const string Name = "mcp";
}
