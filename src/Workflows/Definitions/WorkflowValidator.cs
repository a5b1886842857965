using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// The checks that make a parsed definition safe to start: unique ids, known targets, no cycles, required fields,
/// expressions that parse and read only defined variables, known tools and prompts, valid FHIR searches and cron.
/// </summary>
internal static partial class WorkflowValidator
{
    /// <summary>Variables every instance has: the trigger, the inputs, the patient id, the instance and the clinical now.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "trigger", "input", "patient", "instance", "now" };

    private static readonly HashSet<string> Channels = new(StringComparer.Ordinal) { "communication", "flag", "webhook" };

    public static List<DefinitionError> Validate(WorkflowDefinition workflow)
    {
        var errors = new List<DefinitionError>();
        void Add(SourceLocation at, string message) => errors.Add(new DefinitionError(at, message));

        if (!NamePattern().IsMatch(workflow.Name))
        {
            Add(workflow.Trigger.Location with { Line = 1, Column = 1 }, $"Workflow name '{workflow.Name}' may hold only letters, digits, '-' and '_'.");
        }

        CheckTrigger(workflow.Trigger, Add);
        if (workflow.Trigger.CdsHook is { } hook)
        {
            CdsHookValidator.Check(workflow, hook, Add);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in workflow.Steps)
        {
            if (!IdPattern().IsMatch(step.Id) || step.Id == WorkflowDefinition.End || BuiltIns.Contains(step.Id))
            {
                Add(step.At("id"), $"Step id '{step.Id}' must be a name (letters, digits, '_'; not 'end' or a built-in variable).");
            }

            if (!ids.Add(step.Id))
            {
                Add(step.At("id"), $"Step id '{step.Id}' is used twice.");
            }
        }

        var graphErrors = 0;
        foreach (var step in workflow.Steps)
        {
            foreach (var (field, target) in new[] { ("next", step.Next), ("then", step.Then), ("else", step.Else) })
            {
                if (target is not null && target != WorkflowDefinition.End && !ids.Contains(target))
                {
                    Add(step.At(field), $"Step '{step.Id}': {field} '{target}' is not a step of this workflow (or 'end').");
                    graphErrors++;
                }
            }

            CheckFields(step, Add);
        }

        // The graph checks need every target to exist and ids to be unique; otherwise the errors above say enough.
        if (graphErrors > 0 || ids.Count != workflow.Steps.Count)
        {
            return errors;
        }

        if (WorkflowGraph.FindCycle(workflow) is { } cycle)
        {
            Add(workflow.Step(cycle[0]).Location, $"The steps form a cycle: {string.Join(" -> ", cycle)}. Workflows must not loop.");
            return errors;
        }

        CheckVariables(workflow, Add);

        return errors;
    }

    private static void CheckTrigger(TriggerDefinition trigger, Action<SourceLocation, string> add)
    {
        if (trigger.SecretEnv is { } secret && (trigger.Fhir is null || !EnvironmentNamePattern().IsMatch(secret)))
        {
            add(trigger.Location, trigger.Fhir is null
                ? "trigger secret_env authenticates Subscription notifications, which only a fhir trigger receives."
                : "trigger secret_env must name an environment variable (letters, digits, '_'), not hold the secret.");
        }

        if (trigger.Fhir is { } criteria)
        {
            CheckSearch(criteria, trigger.Location, "trigger fhir", add);
        }

        if (trigger.Schedule is { } cron)
        {
            try
            {
                _ = new Quartz.CronExpression(cron);
                CheckCronRanges(cron);
            }
            catch (FormatException ex)
            {
                add(trigger.Location, $"trigger schedule '{cron}' is not a valid cron expression (Quartz: seconds minutes hours day-of-month month day-of-week): {ex.Message}");
            }
        }

        if (trigger.ForEach is { } forEach)
        {
            if (trigger.Schedule is null)
            {
                add(trigger.Location, "trigger for_each needs a schedule.");
            }

            CheckSearch(forEach, trigger.Location, "trigger for_each", add);
        }
    }

    // Quartz 4.7 accepts some out-of-range numbers (a minute of 99); refuse them here so a typo never schedules silently.
    private static void CheckCronRanges(string cron)
    {
        string[] names = ["second", "minute", "hour", "day of month", "month"];
        int[] highest = [59, 59, 23, 31, 12];
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Math.Min(fields.Length, names.Length); i++)
        {
            foreach (Match number in Digits().Matches(fields[i]))
            {
                var isStep = number.Index > 0 && fields[i][number.Index - 1] == '/';
                if (!isStep && int.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture) > highest[i])
                {
                    throw new FormatException($"the {names[i]} {number.Value} is out of range (at most {highest[i]})");
                }
            }
        }
    }

    private static void CheckFields(StepDefinition step, Action<SourceLocation, string> add)
    {
        string Need(string? value, string field) => value ?? Missing(field);
        string Missing(string field)
        {
            add(step.Location, $"Step '{step.Id}' ({step.Type}) needs '{field}'.");
            return "";
        }

        switch (step.Type)
        {
            case StepType.FhirQuery:
                if (Need(step.Query, "query") is { Length: > 0 } query)
                {
                    CheckSearch(query, step.At("query"), $"Step '{step.Id}' query", add);
                }

                break;
            case StepType.Agent:
                if (Need(step.Prompt, "prompt") is { Length: > 0 } prompt)
                {
                    try
                    {
                        PromptLibrary.Load(prompt);
                    }
                    catch (FileNotFoundException)
                    {
                        add(step.At("prompt"), $"Step '{step.Id}': prompt '{prompt}' is not in {PromptLibrary.Directory}.");
                    }
                }

                foreach (var tool in step.Tools.Where(t => !ToolCatalog.Names.Contains(t)))
                {
                    add(step.At("tools"), $"Step '{step.Id}': unknown tool '{tool}' (known: {string.Join(", ", ToolCatalog.Names.Order(StringComparer.Ordinal))}).");
                }

                break;
            case StepType.Condition:
                Need(step.If, "if");
                break;
            case StepType.FhirWrite:
                if (step.Resource is null)
                {
                    Missing("resource");
                }
                else if (step.Resource is JsonObject template ? template["resourceType"] is null : !IsOnePlaceholder(step.Resource))
                {
                    add(step.At("resource"), $"Step '{step.Id}': the resource template needs a resourceType (or is one placeholder giving a whole resource).");
                }

                break;
            case StepType.Notify:
                if (Need(step.Channel, "channel") is { Length: > 0 } channel && !Channels.Contains(channel))
                {
                    add(step.At("channel"), $"Step '{step.Id}': channel '{channel}' is not one of {string.Join(", ", Channels)}.");
                }

                if (step.Channel == "webhook")
                {
                    Need(step.Url, "url");
                }

                Need(step.Message, "message");
                break;
            case StepType.Tool:
                ToolStepValidator.Check(step, Need(step.Tool, "tool"), add);
                break;
            case StepType.Card:
                CdsHookValidator.CheckCard(step, add);
                break;
            case StepType.Wait:
                if (step.Delay is null && step.Until is null)
                {
                    add(step.Location, $"Step '{step.Id}' (Wait) needs 'delay' or 'until'.");
                }

                break;
        }
    }

    private static void CheckSearch(string search, SourceLocation at, string what, Action<SourceLocation, string> add)
    {
        var question = search.IndexOf('?');
        var type = question < 0 ? search : search[..question];
        if (!Fhir.Search.SearchParameterRegistry.Default.IsResourceType(type))
        {
            add(at, $"{what}: '{type}' is not a FHIR resource type (write Type?param=value).");
        }
    }

    private static void CheckVariables(WorkflowDefinition workflow, Action<SourceLocation, string> add)
    {
        var before = WorkflowGraph.Ancestors(workflow);
        foreach (var step in workflow.Steps)
        {
            var defined = new HashSet<string>(BuiltIns, StringComparer.Ordinal);
            defined.UnionWith(before[step.Id].Select(id => workflow.Step(id).OutputName));
            if (workflow.Trigger.CdsHook is not null)
            {
                defined.UnionWith(CdsHookValidator.Variables);
            }

            foreach (var (field, parse) in Expressions(step))
            {
                IEnumerable<Expression> parsed;
                try
                {
                    parsed = parse().ToList();
                }
                catch (ExpressionException ex)
                {
                    add(step.At(field), $"Step '{step.Id}' {field}: {ex.Message}");
                    continue;
                }

                foreach (var path in parsed.SelectMany(e => e.Variables()))
                {
                    var parts = path.Split('.');
                    if (!defined.Contains(parts[0]))
                    {
                        add(step.At(field), $"Step '{step.Id}' {field}: undefined variable '{parts[0]}' (defined here: {string.Join(", ", defined.Order(StringComparer.Ordinal))}).");
                    }
                    else if (parts[0] == "input" && parts.Length > 1 && !workflow.Inputs.Contains(parts[1]))
                    {
                        add(step.At(field), $"Step '{step.Id}' {field}: input '{parts[1]}' is not declared in 'inputs'.");
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Field, Func<IEnumerable<Expression>> Parse)> Expressions(StepDefinition step)
    {
        if (step.If is { } condition) yield return ("if", () => [ExpressionParser.Parse(condition)]);
        if (step.Query is { } query) yield return ("query", () => Template.Expressions(query));
        if (step.Message is { } message) yield return ("message", () => Template.Expressions(message));
        if (step.Url is { } url) yield return ("url", () => Template.Expressions(url));
        if (step.Until is { } until) yield return ("until", () => Template.Expressions(until));
        if (step.Resource is { } resource) yield return ("resource", () => Template.Expressions(resource));
        if (step.Arguments is { } arguments) yield return ("arguments", () => Template.Expressions(arguments));
        if (step.Card is { } card) yield return ("card", () => Template.Expressions(card));
    }

    // A resource template may be one placeholder that yields a whole resource (a CDS suggestion handed to an approval).
    private static bool IsOnePlaceholder(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith("{{", StringComparison.Ordinal)
            && text.TrimEnd().EndsWith("}}", StringComparison.Ordinal) && text.IndexOf("{{", 2, StringComparison.Ordinal) < 0;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();
}
