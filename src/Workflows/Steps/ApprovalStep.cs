using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>approval</c>: the first time, parks the instance with a pending approval (durably, in the same commit); once a
/// person has approved, the step completes with <c>{approved, by, at}</c>. A rejection ends the instance elsewhere.
/// </summary>
internal sealed class ApprovalStep : IStepHandler
{
    public StepType Type => StepType.Approval;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var approval = await context.Store.GetApprovalAsync(context.InstanceId, context.Step.Id, cancellationToken).ConfigureAwait(false);
        if (approval is { Status: "approved" })
        {
            return new StepResult(new JsonObject
            {
                ["approved"] = true,
                ["by"] = approval.DecidedBy,
                ["at"] = approval.Decided?.ToString("O"),
            })
            { Detail = new JsonObject { ["by"] = approval.DecidedBy } };
        }

        var message = context.Step.Message is { } text ? Template.Render(text, context.Scope) : $"Approve step '{context.Step.Id}' of {context.Workflow.Name}?";
        return new StepResult(null) { Block = StepBlock.Approval, ApprovalMessage = message };
    }
}
