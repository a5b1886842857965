using System.Globalization;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Cli.Workflows;

/// <summary>One-line and detailed renderings of instances for the console.</summary>
public static class InstanceText
{
    public static string Line(WorkflowInstance i) => string.Create(CultureInfo.InvariantCulture,
        $"{i.Id}  {i.Workflow,-20} {i.Status,-15} {i.CurrentStep ?? "-",-12} {i.PatientId ?? "-",-10} {i.Created:yyyy-MM-dd HH:mm:ss}");

    public static string Header => $"{"ID",-32}  {"WORKFLOW",-20} {"STATUS",-15} {"STEP",-12} {"PATIENT",-10} CREATED";

    /// <summary>What the instance does next, for a person.</summary>
    public static string Outcome(WorkflowInstance i) => i.Status switch
    {
        InstanceStatus.WaitingApproval => $"Instance {i.Id} waits for approval at step '{i.CurrentStep}': clinicalagent workflow approve {i.Id} (or reject {i.Id} --reason TEXT).",
        InstanceStatus.Failed => $"Instance {i.Id} failed at step '{i.CurrentStep}': {i.Error} (fix the cause, then: clinicalagent workflow resume {i.Id}).",
        InstanceStatus.Rejected => $"Instance {i.Id} was rejected: {i.Error}",
        InstanceStatus.Running => $"Instance {i.Id} is running at step '{i.CurrentStep}' (another process holds it, or it was stopped; 'workflow resume' continues it).",
        _ => $"Instance {i.Id} completed ({i.StepsDone} steps).",
    };

    public static int ExitCode(WorkflowInstance i) => i.Status is InstanceStatus.Failed ? 1 : 0;
}
