using System.Text.Json;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.CdsHooks.Feedback;
using ClinicalAgent.CdsHooks.Invocation;
using ClinicalAgent.CdsHooks.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks.Http;

/// <summary>
/// <c>GET /cds-services</c> (discovery), <c>POST /cds-services/{id}</c> (invocation) and
/// <c>POST /cds-services/{id}/feedback</c>. Every refusal is a status with a short <c>{"error": "…"}</c>.
/// </summary>
internal static class CdsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cds-services");
        group.MapGet("", (CdsServiceDirectory directory) => Results.Json(directory.Discovery()));

        group.MapPost("{id}", async (string id, HttpRequest request, CdsServiceDirectory directory, CdsTrustGate gate, CdsInvoker invoker,
            ILogger<CdsInvoker> logger, CancellationToken cancellationToken) =>
        {
            if (directory.Find(id) is not { } service)
                return Send(CdsAnswer.Error(404, "No CDS service with that id."));
            if (await TrustAsync(gate, request, service, logger, cancellationToken) is { } refused)
                return refused;
            var (body, error) = await ReadAsync<CdsRequest>(request, cancellationToken);
            if (body is null)
                return Send(CdsAnswer.Error(400, error!));
            return Send(await invoker.InvokeAsync(service, body, gate.Enabled ? Caller(request) : CdsCaller.Anonymous, cancellationToken));
        });

        group.MapPost("{id}/feedback", async (string id, HttpRequest request, CdsServiceDirectory directory, CdsTrustGate gate,
            CdsFeedbackRecorder recorder, ILogger<CdsInvoker> logger, CancellationToken cancellationToken) =>
        {
            if (directory.Find(id) is not { } service)
                return Send(CdsAnswer.Error(404, "No CDS service with that id."));
            if (await TrustAsync(gate, request, service, logger, cancellationToken) is { } refused)
                return refused;
            var (body, error) = await ReadAsync<CdsFeedbackRequest>(request, cancellationToken);
            if (body is null)
                return Send(CdsAnswer.Error(400, error!));
            try
            {
                return Send(await recorder.RecordAsync(service, body, Caller(request), cancellationToken));
            }
            catch (CdsServiceException ex)
            {
                return Send(CdsAnswer.Error(ex.Status, ex.Message));
            }
        });
    }

    private static async Task<IResult?> TrustAsync(CdsTrustGate gate, HttpRequest request, CdsService service, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            request.HttpContext.Items[typeof(CdsCaller)] = await gate.CheckAsync(request, service.Id, cancellationToken);
            return null;
        }
        catch (CdsTrustException ex)
        {
            CdsLog.Refused(logger, service.Id, ex.Message);
            using var activity = CdsTelemetry.Start(service.Id, "refused");
            activity?.SetTag("cds_hooks.hook", service.Hook.Hook).SetTag("cds_hooks.outcome", "unauthenticated").SetTag("cds_hooks.card.count", 0);
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Send(CdsAnswer.Error(401, ex.Message));
        }
    }

    private static CdsCaller Caller(HttpRequest request) => request.HttpContext.Items[typeof(CdsCaller)] as CdsCaller ?? CdsCaller.Anonymous;

    private static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, "The body must be JSON (Content-Type: application/json).");
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, cancellationToken);
            return body is null ? (null, "The body is empty.") : (body, null);
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON of a CDS Hooks request.");
        }
    }

    private static IResult Send(CdsAnswer answer) => Results.Json(answer.Body, statusCode: answer.Status);
}
