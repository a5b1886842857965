namespace ClinicalAgent.Cli.Tests;

/// <summary>
/// Tests that change process-wide state (environment variables, the current folder) run alone: every in-process
/// command reads that state, so a test elsewhere running at the same moment would see, say, an invalid
/// <c>CLINICALAGENT_Tools__WriteApproval</c> and fail.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
