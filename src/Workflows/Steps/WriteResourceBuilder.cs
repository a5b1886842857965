using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Workflows.Engine;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// Writes a resource exactly once per instance and step: the key is derived from (instance id, step id), carried as
/// an identifier, and the write is a conditional create on it with its Provenance in the same transaction
/// (<see cref="AttributedWrite"/>), so a replay after a crash finds the first write and adds no second Provenance.
/// </summary>
internal static class WriteResourceBuilder
{
    /// <summary>The idempotency key of a step's write in an instance.</summary>
    public static string KeyFor(string instanceId, string stepId) => Idempotency.KeyFor("workflow", instanceId, stepId);

    /// <summary>Writes <paramref name="resource"/> once; <paramref name="sentByWorkflow"/> (notifications) attributes it to the workflow, not the approver.</summary>
    public static async Task<(FhirWriteResult Result, string Key)> WriteOnceAsync(StepContext context, Resource resource, CancellationToken cancellationToken,
        bool sentByWorkflow = false)
    {
        var key = KeyFor(context.InstanceId, context.Step.Id);
        if (resource is not IIdentifiable<List<Identifier>> identified)
        {
            throw new StepFailedException($"Step '{context.Step.Id}': a {resource.TypeName} has no identifier list, so its write cannot be made idempotent.");
        }

        identified.Identifier.Add(new Identifier(Idempotency.System, key));
        resource.Meta = null;
        try
        {
            var attribution = await WriteAttributionReader.ReadAsync(context, cancellationToken).ConfigureAwait(false);
            if (sentByWorkflow)
            {
                attribution = attribution with { Approver = WriteApprover.Workflow(context.Workflow.Name) };
            }

            var result = await AttributedWrite.WriteAsync(context.Services.Gateway, resource, key, attribution, context.PatientId, cancellationToken)
                .ConfigureAwait(false);
            return (result, key);
        }
        catch (FhirGatewayException ex)
        {
            throw new StepFailedException($"Step '{context.Step.Id}': the FHIR server refused the {resource.TypeName}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses rendered template JSON into a resource, naming the step when it is not valid FHIR.</summary>
    public static Resource Parse(string json, string stepId)
    {
        try
        {
            return FhirJson.Parse(json, $"step '{stepId}'");
        }
        catch (Exception ex) when (ex is FhirGatewayException or FormatException or InvalidOperationException)
        {
            throw new StepFailedException($"Step '{stepId}': the rendered resource is not valid FHIR: {ex.Message}", ex);
        }
    }
}
