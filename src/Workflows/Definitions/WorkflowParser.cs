using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// Reads a definition file into a <see cref="WorkflowDefinition"/>, collecting every structural problem with its
/// line (YamlDotNet's marks) instead of stopping at the first. Semantic checks are <see cref="WorkflowValidator"/>'s.
/// </summary>
internal static class WorkflowParser
{
    private static readonly Dictionary<string, StepType> StepTypes = new(StringComparer.Ordinal)
    {
        ["fhir_query"] = StepType.FhirQuery,
        ["agent"] = StepType.Agent,
        ["condition"] = StepType.Condition,
        ["approval"] = StepType.Approval,
        ["fhir_write"] = StepType.FhirWrite,
        ["notify"] = StepType.Notify,
        ["wait"] = StepType.Wait,
        ["tool"] = StepType.Tool,
        ["card"] = StepType.Card,
    };

    private static readonly HashSet<string> StepFields = new(StringComparer.Ordinal)
    {
        "id", "type", "next", "into", "query", "prompt", "tools", "output", "max_steps", "if", "then", "else", "message",
        "resource", "channel", "url", "delay", "until", "retry", "tool", "arguments", "card",
    };

    /// <summary>Parses <paramref name="text"/> from <paramref name="file"/>; the definition is null when it cannot be built.</summary>
    public static (WorkflowDefinition? Definition, List<DefinitionError> Errors) Parse(string text, string file)
    {
        var errors = new List<DefinitionError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new DefinitionError(new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column), $"Invalid YAML: {Innermost(ex).Message}"));
            return (null, errors);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new DefinitionError(new SourceLocation(file, 1, 1), "The file must hold a mapping with name, trigger and steps."));
            return (null, errors);
        }

        var reader = new NodeReader(file, errors);
        var name = reader.Text(root, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new DefinitionError(reader.At(root), "The workflow needs a 'name'."));
        }

        reader.CheckFields(root, ["name", "description", "trigger", "inputs", "steps"], "the workflow");
        var trigger = ParseTrigger(reader, root);
        var inputs = reader.List(root, "inputs");
        var steps = new List<StepDefinition>();
        if (reader.Child(root, "steps") is YamlSequenceNode sequence && sequence.Children.Count > 0)
        {
            foreach (var item in sequence.Children)
            {
                if (ParseStep(reader, item) is { } step)
                {
                    steps.Add(step);
                }
            }
        }
        else
        {
            errors.Add(new DefinitionError(reader.At(root), "The workflow needs 'steps': a list with at least one step."));
        }

        // Built even with step-level errors, so the validator reports its problems too (cron, variables, cycles) in one pass.
        return name is null || steps.Count == 0
            ? (null, errors)
            : (new WorkflowDefinition(name, reader.Text(root, "description"), file, trigger, inputs, steps)
            {
                NameLocation = reader.At(reader.Child(root, "name")!),
            }, errors);
    }

    private static TriggerDefinition ParseTrigger(NodeReader reader, YamlMappingNode root)
    {
        var node = reader.Child(root, "trigger");
        switch (node)
        {
            case null:
                return TriggerDefinition.Manual(reader.At(root));
            case YamlScalarNode { Value: "manual" or "http" } scalar:
                return new TriggerDefinition(null, null, null, scalar.Value == "http", reader.At(node));
            case YamlMappingNode map:
                reader.CheckFields(map, ["fhir", "on", "schedule", "for_each", "http", "manual", "secret_env", "cds_hook"], "the trigger");
                var http = reader.Text(map, "http") is "true" or "yes";
                var on = reader.Text(map, "on") ?? "any";
                if (on is not ("any" or "created" or "updated"))
                {
                    reader.Error(reader.Child(map, "on")!, $"trigger 'on' must be created, updated or any, not '{on}'.");
                }

                return new TriggerDefinition(reader.Text(map, "fhir"), reader.Text(map, "schedule"), reader.Text(map, "for_each"), http, reader.At(node)) { On = on, SecretEnv = reader.Text(map, "secret_env"), CdsHook = CdsHookParser.Parse(reader, map) };
            default:
                reader.Error(node, "'trigger' must be manual, http, or a mapping with fhir, schedule (+ for_each) or http.");
                return TriggerDefinition.Manual(reader.At(node));
        }
    }

    private static StepDefinition? ParseStep(NodeReader reader, YamlNode item)
    {
        if (item is not YamlMappingNode map)
        {
            reader.Error(item, "Each step must be a mapping with at least 'id' and 'type'.");
            return null;
        }

        var id = reader.Text(map, "id");
        var typeName = reader.Text(map, "type");
        if (string.IsNullOrWhiteSpace(id))
        {
            reader.Error(map, "A step needs an 'id'.");
            return null;
        }

        if (typeName is null || !StepTypes.TryGetValue(typeName, out var type))
        {
            reader.Error(reader.Child(map, "type") ?? map, typeName is null
                ? $"Step '{id}' needs a 'type' ({string.Join(", ", StepTypes.Keys)})."
                : $"Step '{id}' has unknown type '{typeName}' (known: {string.Join(", ", StepTypes.Keys)}).");
            return null;
        }

        reader.CheckFields(map, StepFields, $"step '{id}'");
        var retry = reader.Child(map, "retry") as YamlMappingNode;
        var delayText = reader.Text(map, "delay");
        TimeSpan? delay = null;
        if (delayText is not null)
        {
            if (DurationText.TryParse(delayText, out var parsed))
            {
                delay = parsed;
            }
            else
            {
                reader.Error(reader.Child(map, "delay")!, $"Step '{id}': delay '{delayText}' is not a duration (PT10M, 00:10:00, 10m, 30s, 500ms).");
            }
        }

        var backoff = TimeSpan.FromMilliseconds(200);
        if (retry is not null && reader.Text(retry, "backoff") is { } backoffText && !DurationText.TryParse(backoffText, out backoff))
        {
            reader.Error(retry, $"Step '{id}': retry backoff '{backoffText}' is not a duration.");
        }

        var cardNode = reader.Child(map, "card");
        if (cardNode is not null and not YamlMappingNode)
        {
            reader.Error(cardNode, $"Step '{id}': 'card' must be a mapping (summary, indicator, source, detail, suggestions, links).");
        }

        var argumentsNode = reader.Child(map, "arguments");
        if (argumentsNode is not null and not YamlMappingNode)
        {
            reader.Error(argumentsNode, $"Step '{id}': 'arguments' must be a mapping of parameter names to values.");
        }

        var locations = map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => reader.At(p.Value), StringComparer.Ordinal);
        return new StepDefinition(id, type, reader.At(map))
        {
            Next = reader.Text(map, "next"),
            Into = reader.Text(map, "into"),
            Query = reader.Text(map, "query"),
            Prompt = reader.Text(map, "prompt"),
            Tools = reader.List(map, "tools"),
            Output = reader.List(map, "output"),
            MaxSteps = reader.Integer(map, "max_steps"),
            If = reader.Text(map, "if"),
            Then = reader.Text(map, "then"),
            Else = reader.Text(map, "else"),
            Message = reader.Text(map, "message"),
            Resource = reader.Child(map, "resource") is { } resource ? YamlJson.Convert(resource) : null,
            Tool = reader.Text(map, "tool"),
            Arguments = argumentsNode is YamlMappingNode arguments ? YamlJson.Convert(arguments) as System.Text.Json.Nodes.JsonObject : null,
            Card = cardNode is YamlMappingNode card ? YamlJson.Convert(card) as System.Text.Json.Nodes.JsonObject : null,
            Channel = reader.Text(map, "channel"),
            Url = reader.Text(map, "url"),
            Delay = delay,
            Until = reader.Text(map, "until"),
            MaxAttempts = retry is null ? 3 : reader.Integer(retry, "max") ?? 3,
            Backoff = backoff,
            FieldLocations = locations,
        };
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
