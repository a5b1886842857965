using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Web.Logging;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Web.Chat;

/// <summary>
/// <c>POST /app/api/writes/{id}/approve</c> and <c>/reject</c>: decide a write the agent proposed in this session.
/// Approval writes it through the write tools' own path (conditional create on its idempotency key, Provenance with the
/// signed-in person as verifier, in one transaction); rejection drops it unwritten.
/// </summary>
internal static class WriteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/writes/{id}/approve", ApproveAsync);
        api.MapPost("/writes/{id}/reject", (HttpContext context, string id, WriteDecision? decision) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.Unauthorized();
            if (!session.TakeProposed(id))
                return NotHere(id);
            var approvals = Records.SessionRecords.Toolbox(context, session).Approvals;
            if (!approvals.Reject(id, decision?.Reason ?? "rejected in the web app"))
                return NotHere(id);
            WebLog.WriteDecided(context.RequestServices.GetRequiredService<ILogger<SseStream>>(), id, "rejected", session.Person.Recorded);
            return Results.Json(new { id, status = "rejected", by = session.Person.Recorded });
        });
    }

    private static async Task<IResult> ApproveAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.Unauthorized();
        if (!session.TakeProposed(id))
            return NotHere(id);
        var approvals = Records.SessionRecords.Toolbox(context, session).Approvals;
        try
        {
            using var actor = Fhir.Audit.AuditActorScope.Begin(session.Person.AuditActor);
            var written = await approvals.ApproveAsync(id, session.Person.Approver, cancellationToken);
            WebLog.WriteDecided(context.RequestServices.GetRequiredService<ILogger<SseStream>>(), id, "approved", session.Person.Recorded);
            var reference = $"{written.Resource.TypeName}/{written.Resource.Id}";
            return Results.Json(new { id, status = "written", outcome = written.Outcome.ToString(), resource = reference, href = Html.ResourceHref(reference), by = session.Person.Recorded });
        }
        catch (KeyNotFoundException)
        {
            return NotHere(id);
        }
        catch (FhirGatewayException) when (session.Remote is { SignInAgain: true })
        {
            return RemoteSignInPage.ApiRefused(context, session);
        }
        catch (FhirGatewayException ex)
        {
            // The proposal stays pending (QueuedApprovalPolicy puts it back): the person may retry or reject it.
            session.Restore(id);
            return Results.Json(new { id, error = $"The write failed and is still pending: {ex.Message}" }, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static IResult NotHere(string id) =>
        Results.Json(new { error = $"No pending write '{(id.Length > 40 ? id[..40] : id)}' proposed in this session (decided already, or never proposed here)." }, statusCode: StatusCodes.Status404NotFound);
}
