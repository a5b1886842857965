namespace ClinicalAgent.Evaluation.Runners;

/// <summary>What a run folder holds: <c>run.json</c>.</summary>
/// <param name="Agent">The agent's name (<c>model</c>, <c>oracle</c>, <c>nothing</c>, <c>medagentbench-protocol</c>).</param>
/// <param name="Model">The model file, for model runs.</param>
/// <param name="Tasks">The task file.</param>
/// <param name="Fhir">The FHIR store or base URL.</param>
/// <param name="Concurrency">Tasks run at once.</param>
/// <param name="Started">When the run (its first part, if resumed) started.</param>
/// <param name="Seed">The sampling seed (of repeat 1 in a repeated run's top manifest); null in run folders older than repeats.</param>
/// <param name="Repeats">In a repeated run's top manifest, the number of repeats (<see cref="RepeatFolders"/>); null for a single run.</param>
public sealed record RunManifest(string Agent, string? Model, string Tasks, string Fhir, int Concurrency, DateTimeOffset Started,
    uint? Seed = null, int? Repeats = null)
{
    /// <summary>The grading profile (<c>clinicalagent</c>, <c>official</c> or <c>both</c>); null in folders written before
    /// profiles, which were graded by ours.</summary>
    public string? Grader { get; init; }

    /// <summary>The model file's full path, for local model runs (<c>bench explain</c> loads it again); null in older folders.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The model agent's most model calls per task; null in older folders (which used the default, 8).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Whether the model agent's first reply had to be a tool call; null in older folders (false).</summary>
    public bool? RequireToolFirst { get; init; }

    /// <summary>The sampling temperature every model request was sent with; null in folders written before it was recorded
    /// (and for agents that sample nothing), which <c>bench explain</c> replays with the configured one.</summary>
    public float? Temperature { get; init; }

    /// <summary>The top-k cut the model sampled with (the local runtime's); null for an OpenAI-compatible server, whose own applies.</summary>
    public int? TopK { get; init; }

    /// <summary>The nucleus (top-p) cut the model sampled with (the local runtime's); null for an OpenAI-compatible server.</summary>
    public float? TopP { get; init; }
}
