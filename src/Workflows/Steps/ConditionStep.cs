using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary><c>condition</c>: evaluates <c>if</c> and goes to <c>then</c> (default the next step) or <c>else</c> (default end).</summary>
internal sealed class ConditionStep : IStepHandler
{
    public StepType Type => StepType.Condition;

    public Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        bool result;
        try
        {
            result = Values.IsTrue(ExpressionParser.Parse(step.If!).Evaluate(context.Scope));
        }
        catch (ExpressionException ex)
        {
            throw new StepFailedException($"Condition '{step.If}' of step '{step.Id}' cannot be evaluated: {ex.Message}", ex);
        }

        var next = result ? step.Then ?? context.Workflow.DefaultNext(step) : step.Else ?? WorkflowDefinition.End;
        return Task.FromResult(new StepResult(JsonValue.Create(result))
        {
            Next = next,
            Detail = new JsonObject { ["result"] = result, ["next"] = next },
        });
    }
}
