using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>The handler of each step type.</summary>
public sealed class StepHandlers
{
    private readonly Dictionary<StepType, IStepHandler> _byType;

    public StepHandlers(IEnumerable<IStepHandler>? handlers = null)
    {
        IEnumerable<IStepHandler> all = handlers ?? [new FhirQueryStep(), new AgentStepHandler(), new ConditionStep(), new ApprovalStep(), new FhirWriteStep(), new NotifyStep(), new WaitStep(), new ToolStepHandler(), new CardStep()];
        _byType = all.ToDictionary(h => h.Type);
    }

    public IStepHandler For(StepType type) => _byType.TryGetValue(type, out var handler)
        ? handler
        : throw new InvalidOperationException($"No handler for {type} steps.");
}
