using Microsoft.Agents.AI.Workflows;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// A definition step as a Microsoft.Agents.AI.Workflows executor, with the step id as its executor id. It runs the
/// step through the instance run (which checkpoints it) and passes the token on to the step chosen next; a token
/// with no next step ends the run (finished, failed, or parked for approval).
/// </summary>
internal sealed class StepExecutor(string stepId, InstanceRun run) : Executor<StepToken, StepToken>(stepId)
{
    public override async ValueTask<StepToken> HandleAsync(StepToken message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        var next = await run.ExecuteStepAsync(Id, cancellationToken).ConfigureAwait(false);
        return message with { Next = next };
    }
}
