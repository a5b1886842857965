using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// One step of a definition. Which fields apply depends on <see cref="Type"/>; the validator checks that the needed
/// ones are there. Its id is the id of the executor it compiles to, and the key of its output variable unless
/// <see cref="Into"/> says otherwise.
/// </summary>
public sealed record StepDefinition(string Id, StepType Type, SourceLocation Location)
{
    /// <summary>The step after this one: a step id, <c>end</c>, or null for the next in the list.</summary>
    public string? Next { get; init; }

    /// <summary>The variable the step's output goes to; default its id.</summary>
    public string? Into { get; init; }

    /// <summary>fhir_query: the search, <c>Type?param=value</c>, a template.</summary>
    public string? Query { get; init; }

    /// <summary>agent: the prompt file in <c>prompts/</c>, rendered as a template and asked as the question.</summary>
    public string? Prompt { get; init; }

    /// <summary>agent: the tool names the model may call.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>tool: the clinical tool to call (<c>describe_image</c>).</summary>
    public string? Tool { get; init; }

    /// <summary>tool: the arguments by parameter name, a JSON template (strings may hold placeholders).</summary>
    public JsonObject? Arguments { get; init; }

    /// <summary>agent: the fields the final answer must hold as a JSON object; empty for free text.</summary>
    public IReadOnlyList<string> Output { get; init; } = [];

    /// <summary>agent: the most model calls.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>condition: the expression.</summary>
    public string? If { get; init; }

    /// <summary>condition: where to go when true (default the next step).</summary>
    public string? Then { get; init; }

    /// <summary>condition: where to go when false (default <c>end</c>).</summary>
    public string? Else { get; init; }

    /// <summary>approval and notify: the message, a template.</summary>
    public string? Message { get; init; }

    /// <summary>fhir_write: the resource, a JSON template.</summary>
    public JsonNode? Resource { get; init; }

    /// <summary>card: the CDS Hooks card, a JSON template (summary, indicator, source, detail, suggestions, links).</summary>
    public JsonObject? Card { get; init; }

    /// <summary>notify: communication, flag or webhook.</summary>
    public string? Channel { get; init; }

    /// <summary>notify webhook: where to POST, a template.</summary>
    public string? Url { get; init; }

    /// <summary>wait: how long, e.g. <c>PT10M</c>, <c>00:10:00</c>, <c>10m</c>, <c>30s</c>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>wait: until when, a template giving an ISO date-time.</summary>
    public string? Until { get; init; }

    /// <summary>Attempts before the instance fails (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The first retry's delay; doubled for each further one.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The name of the variable this step's output is stored under.</summary>
    public string OutputName => Into ?? Id;

    /// <summary>Locations of individual fields, for errors that point at them.</summary>
    public IReadOnlyDictionary<string, SourceLocation> FieldLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The location of <paramref name="field"/>, else of the step.</summary>
    public SourceLocation At(string field) => FieldLocations.TryGetValue(field, out var location) ? location : Location;
}
