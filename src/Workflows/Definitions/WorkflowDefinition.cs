namespace ClinicalAgent.Workflows.Definitions;

/// <summary>A workflow as its YAML file describes it, after parsing and validation.</summary>
public sealed record WorkflowDefinition(string Name, string? Description, string SourcePath, TriggerDefinition Trigger,
    IReadOnlyList<string> Inputs, IReadOnlyList<StepDefinition> Steps)
{
    /// <summary>Where the name is in the file (errors about the name point here).</summary>
    public SourceLocation NameLocation { get; init; } = new(SourcePath, 1, 1);

    /// <summary>The target that ends the instance.</summary>
    public const string End = "end";

    /// <summary>The step with <paramref name="id"/>.</summary>
    public StepDefinition Step(string id) => Steps.FirstOrDefault(s => s.Id == id)
        ?? throw new InvalidOperationException($"Workflow '{Name}' has no step '{id}'.");

    /// <summary>Where control goes after <paramref name="step"/> by default: its <c>next</c>, else the following step, else end.</summary>
    public string DefaultNext(StepDefinition step)
    {
        if (step.Next is not null)
        {
            return step.Next;
        }

        var index = Steps.ToList().FindIndex(s => s.Id == step.Id);
        return index + 1 < Steps.Count ? Steps[index + 1].Id : End;
    }

    /// <summary>Every step <paramref name="step"/> may hand over to (not counting <c>end</c>).</summary>
    public IEnumerable<string> Successors(StepDefinition step)
    {
        var targets = step.Type == StepType.Condition
            ? new[] { step.Then ?? DefaultNext(step), step.Else ?? End }
            : [DefaultNext(step)];
        return targets.Where(t => t != End).Distinct(StringComparer.Ordinal);
    }
}
