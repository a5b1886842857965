using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary><c>fhir_write</c>: renders the resource template and writes it once (see <see cref="WriteResourceBuilder"/>); output <c>{id, reference, existing}</c>.</summary>
internal sealed class FhirWriteStep : IStepHandler
{
    public StepType Type => StepType.FhirWrite;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        JsonNode? rendered;
        try
        {
            rendered = Template.Render(context.Step.Resource, context.Scope);
        }
        catch (ExpressionException ex)
        {
            throw new StepFailedException($"Step '{context.Step.Id}': the resource template cannot be filled: {ex.Message}", ex);
        }

        var resource = WriteResourceBuilder.Parse(rendered!.ToJsonString(), context.Step.Id);
        var (result, key) = await WriteResourceBuilder.WriteOnceAsync(context, resource, cancellationToken).ConfigureAwait(false);
        var reference = $"{result.Resource.TypeName}/{result.Resource.Id}";
        var existing = result.Outcome == Fhir.FhirWriteOutcome.Existing;
        return new StepResult(new JsonObject { ["id"] = result.Resource.Id, ["reference"] = reference, ["existing"] = existing })
        {
            Detail = new JsonObject { ["reference"] = reference, ["existing"] = existing, ["key"] = key },
            Write = (key, reference),
        };
    }
}
