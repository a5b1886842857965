using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Expressions;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>What a step sees while it runs.</summary>
public sealed record StepContext(
    WorkflowDefinition Workflow,
    StepDefinition Step,
    WorkflowInstance Instance,
    JsonObject Variables,
    VariableScope Scope,
    WorkflowServices Services,
    IWorkflowStore Store)
{
    public string InstanceId => Instance.Id;

    /// <summary>The patient id of the instance, if any.</summary>
    public string? PatientId => Variables["patient"]?.GetValue<string>();
}
