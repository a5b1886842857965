using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// One benchmark task in MedAgentBench's format (<c>id</c>, <c>instruction</c>, <c>context</c>, <c>sol</c>,
/// <c>eval_MRN</c>) plus three fields of ours that the original ignores: <c>now</c> (the frozen clinical present),
/// <c>inputs</c> (what the instruction says, structured, for scripted solvers) and <c>expected</c> (the outcome
/// computed from the record, so graders are pure functions), and <c>profile</c> (<see cref="TaskProfiles"/>: the form the
/// set was generated in and the grader it was written for; absent means ours).
/// </summary>
public sealed record BenchTask(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("instruction")] string Instruction,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("sol")] IReadOnlyList<JsonElement>? Sol,
    [property: JsonPropertyName("eval_MRN")] string? EvalMrn,
    [property: JsonPropertyName("now")] DateTimeOffset? Now = null,
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, string>? Inputs = null,
    [property: JsonPropertyName("expected")] TaskExpectation? Expected = null,
    [property: JsonPropertyName("profile")] string? Profile = null)
{
    /// <summary>MedAgentBench's frozen "now", used when a task file does not carry one.</summary>
    public static readonly DateTimeOffset MedAgentBenchNow = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    /// <summary>The category, from the id's prefix (<c>task5_3</c> is category 5).</summary>
    [JsonIgnore]
    public int Category => TaskCategory.FromTaskId(Id);

    /// <summary>The clinical present of the task.</summary>
    [JsonIgnore]
    public DateTimeOffset EffectiveNow => Now ?? MedAgentBenchNow;

    /// <summary>One of <see cref="Inputs"/>, or an error naming the task and the missing input.</summary>
    public string Input(string name) => Inputs is not null && Inputs.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"Task {Id} has no input '{name}'.");
}
