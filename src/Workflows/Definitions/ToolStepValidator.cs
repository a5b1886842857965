namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// The checks of a <c>tool</c> step that need the tool itself: it exists, every argument names one of its parameters,
/// and every parameter without a default has an argument. A typo in an argument name would otherwise be dropped
/// silently by the call.
/// </summary>
internal static class ToolStepValidator
{
    public static void Check(StepDefinition step, string tool, Action<SourceLocation, string> add)
    {
        if (tool.Length == 0)
        {
            return;
        }

        if (ToolCatalog.Parameters(tool) is not { } parameters)
        {
            add(step.At("tool"), $"Step '{step.Id}': unknown tool '{tool}' (known: {string.Join(", ", ToolCatalog.Names.Order(StringComparer.Ordinal))}).");
            return;
        }

        var given = step.Arguments?.Select(p => p.Key).ToList() ?? [];
        foreach (var name in given.Where(n => !parameters.ContainsKey(n)))
        {
            add(step.At("arguments"), $"Step '{step.Id}': {tool} has no parameter '{name}' (its parameters: {string.Join(", ", parameters.Keys)}).");
        }

        foreach (var name in parameters.Where(p => p.Value && !given.Contains(p.Key)).Select(p => p.Key))
        {
            add(step.At("arguments"), $"Step '{step.Id}': {tool} needs the argument '{name}'.");
        }
    }
}
