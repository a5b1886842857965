using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Steps;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// The workflow HTTP endpoints: the <c>http</c> trigger (<c>POST /workflows/{name}/start</c>), FHIR Subscription
/// rest-hook notifications (<c>POST /workflows/subscriptions/{name}</c>), and instances to list, show, approve, reject.
/// With authorization on, all but approve and reject need <c>clinicalagent/workflows</c>; those two need a person's
/// token with <c>clinicalagent/approve</c> (<see cref="WorkflowAuthorization"/>).
/// </summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app, WorkflowHost host)
    {
        // A valid token on every workflow endpoint when authorization is on; scopes are checked per endpoint.
        var workflows = app.MapGroup("/workflows").RequireSmartAuthorization(app.ServiceProvider);
        var engine = host.Engine;
        workflows.MapGet("", () => Results.Ok(engine.Catalog.All.Select(w => new
        {
            w.Name,
            w.Description,
            Trigger = new { w.Trigger.Fhir, w.Trigger.Schedule, w.Trigger.ForEach, w.Trigger.Http },
            Steps = w.Steps.Select(s => s.Id),
        }))).AddEndpointFilter(WorkflowAuthorization.RequireWorkflowsScope);

        workflows.MapPost("{name}/start", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            if (engine.Catalog.All.FirstOrDefault(w => w.Name == name) is not { } workflow)
            {
                return WorkflowProblem.NotFound($"No workflow named '{Shorten(name)}'.");
            }

            if (!workflow.Trigger.Http)
            {
                return WorkflowProblem.Of(StatusCodes.Status403Forbidden, $"Workflow '{name}' has no http trigger.", OperationOutcome.IssueType.Forbidden);
            }

            var (body, error) = await StartBody.ReadAsync(request, ct);
            if (body is null)
            {
                return WorkflowProblem.BadRequest(error!);
            }

            if (body.Patient is { } patient && !await PatientExistsAsync(engine, patient, ct))
            {
                return WorkflowProblem.BadRequest($"Patient/{patient} does not exist.");
            }

            var key = request.Headers["Idempotency-Key"].FirstOrDefault();
            try
            {
                // The start's AuditEvent names the token's person, else its subject (a backend client).
                var caller = request.HttpContext.GetFhirCaller();
                using var actor = caller.PersonReference is { } person ? Fhir.Audit.AuditActorScope.Begin(Fhir.Audit.AuditActor.Person(person))
                    : caller.Subject is { } subject ? Fhir.Audit.AuditActorScope.Begin(new Fhir.Audit.AuditActor(null, Fhir.Audit.AuditCodes.SubjectIdentifierSystem, subject, IsPerson: false))
                    : null;
                var (instance, created) = await engine.StartAsync(name, new StartRequest(body.Patient, body.Inputs,
                    new JsonObject { ["kind"] = "http" }, key is null ? null : $"http:{key}"), null, ct);
                host.Dispatcher.Enqueue(instance.Id);
                return Results.Json(new { id = instance.Id, created }, statusCode: StatusCodes.Status202Accepted);
            }
            catch (ArgumentException ex)
            {
                return WorkflowProblem.BadRequest(ex.Message);
            }
        }).AddEndpointFilter(WorkflowAuthorization.RequireWorkflowsScope);

        workflows.MapPost("subscriptions/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            if (engine.Catalog.All.FirstOrDefault(w => w.Name == name) is not { Trigger.Fhir: { } criteria } subscribed)
            {
                return WorkflowProblem.NotFound($"No workflow named '{Shorten(name)}' with a fhir trigger.");
            }

            // Before the body is read: a forged notification starts nothing and costs nothing.
            if (SubscriptionSecret.Refusal(subscribed, request) is { } refusal)
            {
                request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return WorkflowProblem.Of(StatusCodes.Status401Unauthorized, refusal, OperationOutcome.IssueType.Login);
            }

            using var reader = new StreamReader(request.Body);
            Bundle bundle;
            try
            {
                bundle = FhirJson.Parse<Bundle>(await reader.ReadToEndAsync(ct), "notification");
            }
            catch (Exception ex) when (ex is Fhir.FhirGatewayException or FormatException or InvalidOperationException)
            {
                return WorkflowProblem.BadRequest($"The notification is not a FHIR Bundle: {Shorten(ex.Message, 300)}");
            }

            var type = criteria.Split('?')[0];
            var started = new List<string>();
            foreach (var entry in bundle.Entry)
            {
                // The remote server already matched its Subscription's criteria; here only the resource type is checked.
                var (entryType, id, version, patient) = Describe(entry);
                if (entryType != type || id is null)
                {
                    continue;
                }

                var trigger = new JsonObject { ["kind"] = "subscription", ["type"] = entryType, ["id"] = id, ["version"] = version, ["reference"] = $"{entryType}/{id}" };
                var (instance, created) = await engine.StartAsync(name, new StartRequest(patient, null, trigger, $"subscription:{entryType}/{id}/_history/{version ?? "?"}"), null, ct);
                if (created)
                {
                    started.Add(instance.Id);
                    host.Dispatcher.Enqueue(instance.Id);
                }
            }

            return Results.Json(new { started }, statusCode: StatusCodes.Status202Accepted);
        }).AllowAnonymous(); // the shared secret authenticates a notification; a FHIR server sends no access token

        workflows.MapGet("instances", async (string? status, CancellationToken ct) =>
        {
            InstanceStatus? wanted = null;
            if (status is not null)
            {
                if (!Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return WorkflowProblem.BadRequest($"status must be one of {string.Join(", ", Enum.GetNames<InstanceStatus>())}.");
                }

                wanted = parsed;
            }

            return Results.Ok(await engine.Store.ListAsync(wanted, 100, ct));
        }).AddEndpointFilter(WorkflowAuthorization.RequireWorkflowsScope);
        workflows.MapGet("instances/{id}", async (string id, CancellationToken ct) =>
            await engine.Store.GetAsync(id, ct) is { } instance
                ? Results.Ok(new { instance, journal = await engine.Store.JournalAsync(id, ct) })
                : WorkflowProblem.NotFound($"No workflow instance '{Shorten(id)}'.")).AddEndpointFilter(WorkflowAuthorization.RequireWorkflowsScope);
        workflows.MapPost("instances/{id}/approve", async (string id, HttpContext http, CancellationToken ct) =>
        {
            var (by, refusal) = WorkflowAuthorization.Approver(http);
            return refusal ?? await DecideAsync(host, () => engine.ApproveAsync(id, by!, ct));
        });
        workflows.MapPost("instances/{id}/reject", async (string id, string? reason, HttpContext http, CancellationToken ct) =>
        {
            var (by, refusal) = WorkflowAuthorization.Approver(http);
            return refusal ?? await DecideAsync(host, () => engine.RejectAsync(id, by!, reason ?? "rejected over HTTP", ct));
        });
        return app;
    }

    private static async Task<bool> PatientExistsAsync(WorkflowEngine engine, string patient, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Services.Gateway.ReadAsync("Patient", patient, cancellationToken) is Patient;
        }
        catch (Fhir.FhirGatewayException ex) when (ex.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone)
        {
            return false;
        }
    }

    private static string Shorten(string text, int max = 64) => text.Length <= max ? text : text[..max] + "…";

    private static async Task<IResult> DecideAsync(WorkflowHost host, Func<Task<WorkflowInstance>> decide)
    {
        try
        {
            var instance = await decide();
            host.Dispatcher.Enqueue(instance.Id);
            return Results.Ok(instance);
        }
        catch (InvalidOperationException ex)
        {
            return WorkflowProblem.Of(StatusCodes.Status409Conflict, ex.Message, OperationOutcome.IssueType.Conflict);
        }
    }

    private static (string? Type, string? Id, string? Version, string? Patient) Describe(Bundle.EntryComponent entry)
    {
        if (entry.Resource is { } resource && resource is not Parameters)
        {
            return (resource.TypeName, resource.Id, resource.Meta?.VersionId, FhirFacts.PatientId(FhirFacts.ToJson(resource)));
        }

        // An id-only notification: the full URL names the resource (…/Type/id or …/Type/id/_history/v).
        var parts = (entry.FullUrl ?? entry.Request?.Url ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        return history >= 2
            ? (parts[history - 2], parts[history - 1], history + 1 < parts.Length ? parts[history + 1] : null, null)
            : parts.Length >= 2 ? (parts[^2], parts[^1], null, null) : (null, null, null, null);
    }
}
