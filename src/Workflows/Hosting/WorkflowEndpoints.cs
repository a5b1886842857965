using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Serialization;
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
/// </summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app, WorkflowHost host)
    {
        var engine = host.Engine;
        app.MapGet("/workflows", () => Results.Ok(engine.Catalog.All.Select(w => new
        {
            w.Name,
            w.Description,
            Trigger = new { w.Trigger.Fhir, w.Trigger.Schedule, w.Trigger.ForEach, w.Trigger.Http },
            Steps = w.Steps.Select(s => s.Id),
        })));

        app.MapPost("/workflows/{name}/start", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            if (engine.Catalog.All.FirstOrDefault(w => w.Name == name) is not { } workflow)
            {
                return Results.NotFound(new { error = $"No workflow named '{name}'." });
            }

            if (!workflow.Trigger.Http)
            {
                return Results.Json(new { error = $"Workflow '{name}' has no http trigger." }, statusCode: StatusCodes.Status403Forbidden);
            }

            JsonObject? body;
            try
            {
                // Chunked bodies have no length; only an explicit zero length means none.
                body = request.ContentLength == 0 || request.ContentType is null ? null : await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Results.BadRequest(new { error = $"The body is not JSON: {ex.Message}" });
            }

            var inputs = (body?["inputs"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
            var key = request.Headers["Idempotency-Key"].FirstOrDefault();
            try
            {
                var (instance, created) = await engine.StartAsync(name, new StartRequest(body?["patient"]?.GetValue<string>(), inputs,
                    new JsonObject { ["kind"] = "http" }, key is null ? null : $"http:{key}"), null, ct);
                host.Dispatcher.Enqueue(instance.Id);
                return Results.Json(new { id = instance.Id, created }, statusCode: StatusCodes.Status202Accepted);
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        });

        app.MapPost("/workflows/subscriptions/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            if (engine.Catalog.All.FirstOrDefault(w => w.Name == name) is not { Trigger.Fhir: { } criteria })
            {
                return Results.NotFound(new { error = $"No workflow named '{name}' with a fhir trigger." });
            }

            using var reader = new StreamReader(request.Body);
            Bundle bundle;
            try
            {
                bundle = FhirJson.Parse<Bundle>(await reader.ReadToEndAsync(ct), "notification");
            }
            catch (Exception ex) when (ex is Fhir.FhirGatewayException or FormatException or InvalidOperationException)
            {
                return Results.BadRequest(new { error = $"The notification is not a FHIR Bundle: {ex.Message}" });
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
        });

        app.MapGet("/workflows/instances", async (string? status, CancellationToken ct) =>
            Results.Ok(await engine.Store.ListAsync(status is null ? null : Enum.Parse<InstanceStatus>(status, ignoreCase: true), 100, ct)));
        app.MapGet("/workflows/instances/{id}", async (string id, CancellationToken ct) =>
            await engine.Store.GetAsync(id, ct) is { } instance
                ? Results.Ok(new { instance, journal = await engine.Store.JournalAsync(id, ct) })
                : Results.NotFound(new { error = $"No workflow instance '{id}'." }));
        app.MapPost("/workflows/instances/{id}/approve", async (string id, string? by, CancellationToken ct) =>
            await DecideAsync(host, () => engine.ApproveAsync(id, by ?? "http", ct)));
        app.MapPost("/workflows/instances/{id}/reject", async (string id, string? by, string? reason, CancellationToken ct) =>
            await DecideAsync(host, () => engine.RejectAsync(id, by ?? "http", reason ?? "rejected over HTTP", ct)));
        return app;
    }

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
            return Results.Conflict(new { error = ex.Message });
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
