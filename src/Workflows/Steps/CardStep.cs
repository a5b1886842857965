using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>card</c>: renders the CDS Hooks card template; output the card's JSON. A CDS Hooks service returns it to the
/// EHR; an instance run by hand only keeps it as a variable (nothing is shown or written).
/// </summary>
internal sealed class CardStep : IStepHandler
{
    public StepType Type => StepType.Card;

    public Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            var card = Template.Render(context.Step.Card, context.Scope);
            return Task.FromResult(new StepResult(card) { Detail = new JsonObject { ["card"] = context.Step.Id } });
        }
        catch (ExpressionException ex)
        {
            throw new StepFailedException($"Step '{context.Step.Id}': the card template cannot be filled: {ex.Message}", ex);
        }
    }
}
