using System.Diagnostics;
using System.Text.Json;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// Spans of workflow runs: <c>workflow.run {workflow}</c> around an instance's run, and <c>workflow.step {step}</c>
/// around each step with the workflow, the instance id, the step's id and type, its attempts and its outcome. Step
/// inputs, outputs, variables and error messages stay out: they hold the record.
/// </summary>
internal static class WorkflowTelemetry
{
    /// <summary>The activity source of workflow runs, one of the <c>ClinicalAgent.*</c> sources.</summary>
    public const string SourceName = "ClinicalAgent.Workflows";

    /// <summary>A step ended and the run goes on (or ends, when it was the last).</summary>
    public const string Completed = "completed";

    /// <summary>A step failed on its last attempt; the instance is failed.</summary>
    public const string Failed = "failed";

    /// <summary>A step waits for a person's approval; the instance is parked.</summary>
    public const string WaitingApproval = "waiting_approval";

    private static readonly ActivitySource Source = new(SourceName, typeof(WorkflowTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>A span for one run of an instance, from the step it resumes at.</summary>
    public static Activity? StartRun(string workflow, string instanceId, string? fromStep)
    {
        var activity = Source.StartActivity($"workflow.run {workflow}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("clinicalagent.workflow.name", workflow)
                .SetTag("clinicalagent.workflow.instance.id", instanceId)
                .SetTag("clinicalagent.workflow.step.id", fromStep);
        }

        return activity;
    }

    /// <summary>A span for one step; its type as the definition spells it (<c>fhir_query</c>, <c>tool</c>, ...).</summary>
    public static Activity? StartStep(string workflow, string instanceId, string stepId, Definitions.StepType stepType)
    {
        var activity = Source.StartActivity($"workflow.step {stepId}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("clinicalagent.workflow.name", workflow)
                .SetTag("clinicalagent.workflow.instance.id", instanceId)
                .SetTag("clinicalagent.workflow.step.id", stepId)
                .SetTag("clinicalagent.workflow.step.type", JsonNamingPolicy.SnakeCaseLower.ConvertName(stepType.ToString()));
        }

        return activity;
    }

    /// <summary>Records how the step ended (<see cref="Completed"/>, <see cref="Failed"/>, <see cref="WaitingApproval"/>) after <paramref name="attempts"/>.</summary>
    public static void StepEnded(Activity? activity, string outcome, int attempts, string? errorType = null)
    {
        if (activity is null)
            return;
        activity.SetTag("clinicalagent.workflow.step.outcome", outcome)
            .SetTag("clinicalagent.workflow.step.attempts", attempts);
        if (outcome == Failed)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>Marks a run failed by a fault of the run itself (not of a step, which its own span records).</summary>
    public static void RunFailed(Activity? activity, Exception fault)
    {
        if (activity is null)
            return;
        activity.SetTag("error.type", fault.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error);
    }
}
