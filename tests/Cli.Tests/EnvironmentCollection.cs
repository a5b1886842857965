namespace ClinicalAgent.Cli.Tests;

/// <summary>Tests that depend on process-wide environment variables run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
