namespace ClinicalAgent.Bench.ColdStart;

/// <summary>One binary under one runtime setting, and its runs so far.</summary>
internal sealed record ColdStartCase(string Cli, string Setting)
{
    public List<ChildRun> Imports { get; } = [];

    public List<ChildRun> Searches { get; } = [];
}
