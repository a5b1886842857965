using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>A workflow instance as stored: its checkpoint is the step to run next and the variables so far.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="CurrentStep">The step to run (or being waited on); null when finished.</param>
/// <param name="Variables">The variables: trigger, input, patient, instance, now, and each finished step's output.</param>
/// <param name="TriggerKey">What started it, unique per workflow and event, so an event never starts two instances.</param>
/// <param name="PatientId">The patient it is about, if any.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Updated">When it last changed.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="StepsDone">Steps finished so far.</param>
/// <param name="WakeAt">When the current wait step ends, while one is sleeping.</param>
public sealed record WorkflowInstance(string Id, string Workflow, InstanceStatus Status, string? CurrentStep, JsonObject Variables,
    string? TriggerKey, string? PatientId, DateTimeOffset Created, DateTimeOffset Updated, string? Error, int StepsDone, DateTimeOffset? WakeAt)
{
    /// <summary>Whether nothing more will happen without a person (approve, reject, resume).</summary>
    public bool IsFinal => Status is InstanceStatus.Completed or InstanceStatus.Rejected;
}
