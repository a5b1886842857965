using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Expressions;
using ClinicalAgent.Workflows.Steps;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>
/// Runs a service's steps synchronously, in memory, for one invocation (no durable instance: the EHR waits and an
/// answer is only worth something now): <c>fhir_query</c> through <see cref="CdsFhirReader"/>, <c>condition</c> to
/// branch, <c>card</c> to answer. Variables: <c>context</c>, <c>selected</c>, <c>patient</c>, <c>now</c> (the clinical
/// now), <c>trigger</c> (<c>{kind: cds_hook, hook, hookInstance}</c>), and each step's output.
/// </summary>
internal static class CdsServiceRunner
{
    public static async Task<JsonArray> RunAsync(CdsService service, JsonObject context, string hookInstance, DateTimeOffset now,
        CdsFhirReader reader, CancellationToken cancellationToken)
    {
        var workflow = service.Workflow;
        var variables = new JsonObject
        {
            ["context"] = context.DeepClone(),
            ["selected"] = DraftSelection.Of(service.Hook.Hook, context),
            ["trigger"] = new JsonObject { ["kind"] = "cds_hook", ["hook"] = service.Hook.Hook, ["hookInstance"] = hookInstance },
            ["input"] = new JsonObject(),
            ["patient"] = context["patientId"]?.DeepClone(),
            ["instance"] = hookInstance,
            ["now"] = now.ToString("O"),
        };
        var scope = new VariableScope(variables, now);
        var cards = new JsonArray();
        var stepId = workflow.Steps[0].Id;
        // The validator refuses cycles, so a run takes at most one pass over the steps.
        for (var taken = 0; stepId != WorkflowDefinition.End && taken <= workflow.Steps.Count; taken++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = workflow.Step(stepId);
            string? next = null;
            try
            {
                switch (step.Type)
                {
                    case StepType.FhirQuery:
                        var found = await reader.SearchAsync(Template.Render(step.Query!, scope), cancellationToken).ConfigureAwait(false);
                        variables[step.OutputName] = FhirQueryStep.Output(found);
                        break;
                    case StepType.Condition:
                        var result = Values.IsTrue(Template.Evaluate(step.If!, scope));
                        variables[step.OutputName] = result;
                        next = result ? step.Then ?? workflow.DefaultNext(step) : step.Else ?? WorkflowDefinition.End;
                        break;
                    case StepType.Card:
                        var card = CardFinisher.Finish(Template.Render(step.Card, scope), step.Id);
                        variables[step.OutputName] = card.DeepClone();
                        cards.Add(card);
                        break;
                    default:
                        throw new CdsServiceException(500, $"Step '{step.Id}' ({step.Type}) cannot run in a CDS Hooks service.");
                }
            }
            catch (ExpressionException ex)
            {
                throw new CdsServiceException(500, $"Step '{step.Id}' of service {service.Id} cannot be evaluated: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // A JSON value of the wrong kind (a text where FHIR has a number) in what the EHR sent.
                throw new CdsServiceException(400, $"Step '{step.Id}' of service {service.Id} cannot read the data it was given: it is not FHIR R4 JSON as expected.", ex);
            }

            stepId = next ?? workflow.DefaultNext(step);
        }

        return cards;
    }
}
