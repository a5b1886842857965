namespace ClinicalAgent.Workflows.Definitions;

/// <summary>The step graph of a definition (edges: next, then, else, list order): what can run before a step, and cycles.</summary>
internal static class WorkflowGraph
{
    /// <summary>For each step, the steps that can run before it on some path.</summary>
    public static Dictionary<string, HashSet<string>> Ancestors(WorkflowDefinition workflow)
    {
        var result = workflow.Steps.ToDictionary(s => s.Id, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var step in workflow.Steps)
        {
            var stack = new Stack<string>(workflow.Successors(step));
            while (stack.TryPop(out var next))
            {
                if (result[next].Add(step.Id))
                {
                    foreach (var after in workflow.Successors(workflow.Step(next)))
                    {
                        stack.Push(after);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>A cycle as step ids (first repeated at the end), or null when the graph has none.</summary>
    public static List<string>? FindCycle(WorkflowDefinition workflow)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var next in workflow.Successors(workflow.Step(id)))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(p => p != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            state[id] = 2;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return workflow.Steps.Select(s => state.GetValueOrDefault(s.Id) == 0 ? Visit(s.Id) : null).FirstOrDefault(c => c is not null);
    }
}
