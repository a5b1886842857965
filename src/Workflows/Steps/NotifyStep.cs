using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>notify</c>: a FHIR Communication or Flag about the patient (written once, like fhir_write), or a webhook POST
/// of <c>{workflow, instance, step, patient, message}</c> with an <c>Idempotency-Key</c> header so a receiver can drop
/// the repeat a crash between the POST and the checkpoint may cause.
/// </summary>
internal sealed class NotifyStep : IStepHandler
{
    public StepType Type => StepType.Notify;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var message = Template.Render(context.Step.Message!, context.Scope);
        if (context.Step.Channel == "webhook")
        {
            return await PostAsync(context, message, cancellationToken).ConfigureAwait(false);
        }

        var patient = context.PatientId ?? throw new StepFailedException($"Step '{context.Step.Id}': a {context.Step.Channel} needs a patient, and this instance has none.");
        var now = await context.Services.ClinicalNow(cancellationToken).ConfigureAwait(false);
        Resource resource = context.Step.Channel == "flag"
            ? new Flag
            {
                Status = Flag.FlagStatus.Active,
                Code = new CodeableConcept { Text = message },
                Subject = new ResourceReference($"Patient/{patient}"),
                Period = new Period { StartElement = new FhirDateTime(now) },
            }
            : new Communication
            {
                Status = EventStatus.Completed,
                Subject = new ResourceReference($"Patient/{patient}"),
                SentElement = new FhirDateTime(now),
                Payload = [new Communication.PayloadComponent { Content = new FhirString(message) }],
            };
        var (result, key) = await WriteResourceBuilder.WriteOnceAsync(context, resource, cancellationToken, sentByWorkflow: true).ConfigureAwait(false);
        var reference = $"{result.Resource.TypeName}/{result.Resource.Id}";
        return new StepResult(new JsonObject { ["id"] = result.Resource.Id, ["reference"] = reference })
        {
            Detail = new JsonObject { ["channel"] = context.Step.Channel, ["reference"] = reference },
            Write = (key, reference),
        };
    }

    private static async Task<StepResult> PostAsync(StepContext context, string message, CancellationToken cancellationToken)
    {
        var url = Template.Render(context.Step.Url!, context.Scope);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new StepFailedException($"Step '{context.Step.Id}': webhook url '{url}' is not an absolute http(s) URL.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["workflow"] = context.Workflow.Name,
                ["instance"] = context.InstanceId,
                ["step"] = context.Step.Id,
                ["patient"] = context.PatientId,
                ["message"] = message,
            }),
        };
        request.Headers.Add("Idempotency-Key", WriteResourceBuilder.KeyFor(context.InstanceId, context.Step.Id));
        HttpResponseMessage response;
        try
        {
            response = await context.Services.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new StepFailedException($"Step '{context.Step.Id}': webhook {uri.GetLeftPart(UriPartial.Path)} failed: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new StepFailedException($"Step '{context.Step.Id}': webhook {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}.");
            }

            return new StepResult(new JsonObject { ["status"] = (int)response.StatusCode })
            {
                Detail = new JsonObject { ["channel"] = "webhook", ["status"] = (int)response.StatusCode },
            };
        }
    }
}
