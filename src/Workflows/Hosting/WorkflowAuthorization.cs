using ClinicalAgent.Security;
using ClinicalAgent.Security.ResourceServer;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// Who may use the workflow endpoints: <see cref="ClinicalScopes.Workflows"/> to list, show and start; a person's token
/// with <see cref="ClinicalScopes.Approve"/> to approve or reject, recorded as that person (the token's <c>fhirUser</c>,
/// else its subject), never a name the request supplies. The bearer token itself is validated before (JwtBearer).
/// </summary>
internal static class WorkflowAuthorization
{
    /// <summary>An endpoint filter refusing (403) a caller without <see cref="ClinicalScopes.Workflows"/> while authorization is on.</summary>
    public static async ValueTask<object?> RequireWorkflowsScope(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetFhirCaller().Has(ClinicalScopes.Workflows)
            ? await next(context).ConfigureAwait(false)
            : Forbidden($"This endpoint needs the scope {ClinicalScopes.Workflows}.");

    /// <summary>
    /// The person an approval or rejection over HTTP is recorded as, or the refusal: 400 for a <c>by</c> parameter,
    /// 403 with authorization off (HTTP requests then carry no identity to record), without the approval scope, or for
    /// a token that names no person (a system token).
    /// </summary>
    public static (string? Approver, IResult? Refusal) Approver(HttpContext http)
    {
        if (http.Request.Query.ContainsKey("by"))
        {
            return (null, WorkflowProblem.BadRequest("Approvals are recorded from the access token; the 'by' parameter is not accepted."));
        }

        var caller = http.GetFhirCaller();
        if (!caller.AuthorizationEnabled)
        {
            return (null, Forbidden("Authorization is off, so an HTTP request names no one to record as approver; "
                + "decide on this machine with 'clinicalagent workflow approve ID' (or 'reject'), which records your user name."));
        }

        if (!caller.Scopes.Has(ClinicalScopes.Approve))
        {
            return (null, Forbidden($"Approving or rejecting needs the scope {ClinicalScopes.Approve}."));
        }

        return caller is { IsUser: true, PersonReference: { Length: > 0 } person }
            ? (person, null)
            : (null, Forbidden("Approvals need a person: use a user's token (with fhirUser or a person's sub), not a system token."));
    }

    private static IResult Forbidden(string text) => WorkflowProblem.Of(StatusCodes.Status403Forbidden, text, OperationOutcome.IssueType.Forbidden);
}
