using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.CdsHooks.Discovery;

/// <summary>A CDS Hooks service: a workflow definition with a <c>cds_hook:</c> trigger.</summary>
internal sealed record CdsService(CdsHookTrigger Hook, WorkflowDefinition Workflow)
{
    public string Id => Hook.Id;
}
