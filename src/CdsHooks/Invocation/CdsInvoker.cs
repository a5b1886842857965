using System.Diagnostics;
using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.CdsHooks.Trust;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Workflows.Expressions;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>
/// One <c>POST /cds-services/{id}</c>: checks the request, maps the prefetch onto the service's templates, runs the
/// service within <see cref="CdsHooksOptions.TimeBudget"/> (past it: no cards, and the hook instance is logged),
/// remembers the cards for feedback, and audits and traces the call by ids only.
/// </summary>
internal sealed class CdsInvoker(
    CdsHooksOptions options,
    ClinicalClock clock,
    IssuedCards issued,
    HttpMessageHandler fhirHandler,
    IAuditSink audit,
    TimeProvider time,
    ILogger<CdsInvoker> logger)
{
    public async Task<CdsAnswer> InvokeAsync(CdsService service, CdsRequest request, CdsCaller caller, CancellationToken aborted)
    {
        using var activity = CdsTelemetry.Start(service.Id, "invoke");
        activity?.SetTag("cds_hooks.hook", service.Hook.Hook).SetTag("cds_hooks.hook_instance", request.HookInstance);
        var started = time.GetTimestamp();
        var (answer, outcome, read) = await AnswerAsync(service, request, aborted).ConfigureAwait(false);
        var cardCount = answer.Body["cards"] is JsonArray cards ? cards.Count : 0;
        activity?.SetTag("cds_hooks.card.count", cardCount).SetTag("cds_hooks.outcome", outcome).SetTag("http.response.status_code", answer.Status);
        if (answer.Status >= 400)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        CdsLog.Answered(logger, service.Id, request.HookInstance ?? "", cardCount, time.GetElapsedTime(started).TotalMilliseconds);
        await audit.RecordAsync(new AuditRecord(AuditKind.WorkflowStart, "cds-hook", AuditAction.Execute,
            answer.Status < 400 ? AuditOutcome.Success : answer.Status < 500 ? AuditOutcome.MinorFailure : AuditOutcome.SeriousFailure)
        {
            Actor = Actor(request.Context?["userId"], caller),
            ClientId = caller.Issuer,
            PatientId = request.Context?["patientId"] is JsonValue patient && patient.TryGetValue<string>(out var id) ? id : null,
            Resources = read,
            WorkflowInstance = (service.Workflow.Name, request.HookInstance ?? ""),
            OutcomeDetail = outcome,
        }, CancellationToken.None).ConfigureAwait(false);
        return answer;
    }

    private async Task<(CdsAnswer Answer, string Outcome, IReadOnlyList<string> Read)> AnswerAsync(CdsService service, CdsRequest request, CancellationToken aborted)
    {
        if (Problem(service, request) is { } problem)
        {
            CdsLog.Refused(logger, service.Id, "invalid request");
            return (CdsAnswer.Error(400, problem), "invalid-request", []);
        }

        var context = request.Context!;
        using var budget = new CancellationTokenSource(options.TimeBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, aborted);
        using var reader = new CdsFhirReader(Prefetched(service, context, request.Prefetch), FhirServer(request), request.FhirAuthorization?.AccessToken, fhirHandler);
        try
        {
            var now = await clock.GetNowAsync(linked.Token).ConfigureAwait(false);
            var cards = await CdsServiceRunner.RunAsync(service, context, request.HookInstance!, now, reader, linked.Token).ConfigureAwait(false);
            foreach (var card in cards.OfType<JsonObject>())
            {
                issued.Remember(service.Id, context["patientId"]?.GetValue<string>(), card);
            }

            return (CdsAnswer.Cards(cards), cards.Count > 0 ? "cards" : "no-cards", reader.Read);
        }
        catch (Exception) when (budget.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            CdsLog.OverBudget(logger, service.Id, request.HookInstance!, options.TimeBudget.TotalMilliseconds);
            return (CdsAnswer.Cards([]), "over-budget", reader.Read);
        }
        catch (PrefetchMissingException ex)
        {
            CdsLog.Refused(logger, service.Id, $"missing prefetch for {ex.ResourceType}");
            return (CdsAnswer.Error(412, ex.Message), "missing-prefetch", reader.Read);
        }
        catch (FhirGatewayException ex)
        {
            CdsLog.Failed(logger, service.Id, request.HookInstance!, $"FHIR server {(int)ex.Status}");
            return (CdsAnswer.Error(502, $"The EHR's FHIR server answered {(int)ex.Status} to the service's query."), "fhir-server-error", reader.Read);
        }
        catch (CdsServiceException ex)
        {
            CdsLog.Failed(logger, service.Id, request.HookInstance!, ex.InnerException?.GetType().Name ?? "service error");
            return (CdsAnswer.Error(ex.Status, ex.Message), "failed", reader.Read);
        }
    }

    private static string? Problem(CdsService service, CdsRequest request)
    {
        if (request.Hook != service.Hook.Hook)
            return $"Service {service.Id} answers the {service.Hook.Hook} hook, not '{Shorten(request.Hook)}'.";
        if (string.IsNullOrWhiteSpace(request.HookInstance))
            return "The request needs a hookInstance.";
        if (request.Context?["patientId"] is not JsonValue patient || !patient.TryGetValue<string>(out var id) || id.Length == 0)
            return "The request's context needs a patientId.";
        if (request.FhirServer is { } server && FhirServerUri(server) is null)
            return "fhirServer must be an absolute http or https URL.";
        return null;
    }

    // Each template the EHR answered is filled with the context, so a step's query finds it by the same key.
    private static Dictionary<string, JsonNode?> Prefetched(CdsService service, JsonObject context, JsonObject? prefetch)
    {
        var found = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (prefetch is null)
        {
            return found;
        }

        var scope = new VariableScope(new JsonObject { ["context"] = context.DeepClone() }, DateTimeOffset.UnixEpoch);
        foreach (var (key, template) in service.Hook.Prefetch)
        {
            if (prefetch.TryGetPropertyValue(key, out var value))
            {
                found[FhirQueryKey.Of(Template.Render(template, scope))] = value;
            }
        }

        return found;
    }

    private static Uri? FhirServer(CdsRequest request) => request.FhirServer is { } server ? FhirServerUri(server) : null;

    private static Uri? FhirServerUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static AuditActor? Actor(JsonNode? userId, CdsCaller caller) =>
        userId is JsonValue value && value.TryGetValue<string>(out var user) && user.Length > 0 ? AuditActor.Person(user)
            : caller.Subject is { } subject ? new AuditActor(null, AuditCodes.SubjectIdentifierSystem, subject, IsPerson: false)
            : null;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
