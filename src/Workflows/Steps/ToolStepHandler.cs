using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>tool</c>: calls one clinical tool with the step's rendered <c>arguments</c>, as the model would call it (the same
/// audited functions, under the same policies), but with no model choosing the call: a fixed pipeline such as
/// "describe this image, then classify it". Output: the tool's JSON result (a list tool's table as <c>items</c>, one
/// object per row, with <c>count</c> and <c>more</c>) plus <c>citations</c>, the resource ids it names. A tool's
/// <c>{"error": …}</c> fails the attempt with that message.
/// </summary>
internal sealed class ToolStepHandler : IStepHandler
{
    public StepType Type => StepType.Tool;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        var function = context.Services.Tools().FirstOrDefault(t => t.Name == step.Tool)
            ?? throw new StepFailedException($"Step '{step.Id}': this host offers no tool '{step.Tool}'.");
        JsonObject arguments;
        try
        {
            arguments = Template.Render(step.Arguments ?? [], context.Scope) as JsonObject ?? [];
        }
        catch (ExpressionException ex)
        {
            throw new StepFailedException($"Step '{step.Id}': the arguments cannot be filled: {ex.Message}", ex);
        }

        var result = await function.InvokeAsync(new AIFunctionArguments(Values(arguments)), cancellationToken).ConfigureAwait(false);
        var text = result switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
            JsonElement element => element.GetRawText(),
            _ => result?.ToString() ?? "",
        };
        var output = Output(text, step);
        var citations = new JsonArray([.. AuditReferences.Find(text).Select(id => (JsonNode?)JsonValue.Create(id))]);
        output["citations"] = citations;

        // The journal gets the tool and the ids it named; the result's text stays in the variables only.
        return new StepResult(output)
        {
            Detail = new JsonObject { ["tool"] = step.Tool, ["citations"] = citations.DeepClone() },
        };
    }

    private static JsonObject Output(string text, StepDefinition step)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is not JsonObject json)
        {
            throw new StepFailedException($"Step '{step.Id}': {step.Tool} returned no JSON object.");
        }

        if (json.Count == 1 && json["error"] is JsonValue error)
        {
            throw new StepFailedException($"Step '{step.Id}': {step.Tool} failed: {error}");
        }

        if (json.ContainsKey("columns") && json.ContainsKey("rows"))
        {
            var rows = ToolTable.Rows(JsonSerializer.SerializeToElement(json));
            return new JsonObject
            {
                ["items"] = new JsonArray([.. rows.Select(r => JsonNode.Parse(r.GetRawText()))]),
                ["count"] = rows.Count,
                ["more"] = json["more"]?.DeepClone(),
                ["note"] = json["note"]?.DeepClone(),
            };
        }

        return json;
    }

    // Strings stay strings and everything else goes as JSON, the way a model's call arrives at a tool.
    private static Dictionary<string, object?> Values(JsonObject arguments) =>
        arguments.ToDictionary(
            p => p.Key,
            p => p.Value switch
            {
                null => null,
                JsonValue value when value.TryGetValue<string>(out var s) => s,
                var node => (object?)JsonSerializer.SerializeToElement(node),
            });
}
