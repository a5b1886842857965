using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>Maps the FHIR R4 REST API over whatever <see cref="IFhirGateway"/> the host registers.</summary>
public static class FhirRestEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <c>metadata</c>, read, vread, history (instance, type and system), search (GET, <c>POST _search</c>, Patient compartment),
    /// create (plain and conditional), update (plain and conditional), and transaction/batch under <paramref name="prefix"/>. Every failure answers with
    /// an OperationOutcome. Every interaction is recorded as an AuditEvent when an <c>IAuditSink</c> is registered (<c>AddFhir</c> does).
    /// </summary>
    public static IEndpointRouteBuilder MapFhirRest(this IEndpointRouteBuilder endpoints, string prefix = "/fhir")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var trimmed = (prefix ?? "").Trim('/');
        var basePath = trimmed.Length == 0 ? "" : "/" + trimmed;
        var reads = new FhirReadHandlers(basePath);
        var writes = new FhirWriteHandlers(basePath);

        var fhir = endpoints.MapGroup(basePath.Length == 0 ? "/" : basePath);
        // Outermost, so the audit sees the status the exception filter answers with.
        fhir.AddEndpointFilter(new Audit.FhirAuditFilter(basePath));
        fhir.AddEndpointFilter<FhirExceptionFilter>();
        // Every interaction needs a valid token when authorization is on; scopes are checked per interaction
        // (Access/FhirAccess). What a client needs to find out how to authorize stays public.
        fhir.RequireSmartAuthorization(endpoints.ServiceProvider);

        fhir.MapGet("metadata", (HttpContext context) => reads.Metadata(context)).AllowAnonymous();
        if (SmartResourceServerExtensions.IsEnabled(endpoints.ServiceProvider))
            fhir.MapGet(".well-known/smart-configuration", (HttpContext context) => reads.SmartConfiguration(context)).AllowAnonymous();
        // An explicit return type keeps these on the Delegate overload, where results are written and filters run.
        fhir.MapPost("", Task<IResult> (HttpContext context) => writes.TransactionAsync(context));

        fhir.MapGet("_history", Task<IResult> (HttpContext context) => reads.SystemHistoryAsync(context));
        fhir.MapGet("{type}", (string type, HttpContext context) => reads.SearchAsync(type, context));
        fhir.MapGet("{type}/_history", (string type, HttpContext context) => reads.TypeHistoryAsync(type, context));
        fhir.MapPut("{type}", (string type, HttpContext context) => writes.ConditionalUpdateAsync(type, context));
        fhir.MapPost("{type}/_search", (string type, HttpContext context) => reads.SearchPostAsync(type, context));
        fhir.MapPost("{type}", (string type, HttpContext context) => writes.CreateAsync(type, context));

        fhir.MapGet("{type}/{id}", (string type, string id, HttpContext context) => reads.ReadAsync(type, id, context));
        fhir.MapPut("{type}/{id}", (string type, string id, HttpContext context) => writes.UpdateAsync(type, id, context));
        fhir.MapMethods("{type}/{id}", ["DELETE", "PATCH"], (HttpContext context) => writes.NotAllowed(context));

        fhir.MapGet(
            "{compartmentType}/{id}/{type}",
            (string compartmentType, string id, string type, HttpContext context) => reads.CompartmentSearchAsync(compartmentType, id, type, context));
        fhir.MapGet("{type}/{id}/_history", (string type, string id, HttpContext context) => reads.HistoryAsync(type, id, context));
        fhir.MapGet(
            "{type}/{id}/_history/{versionId}",
            (string type, string id, string versionId, HttpContext context) => reads.VReadAsync(type, id, versionId, context));

        // Anything else under the prefix gets a FHIR 404 rather than ASP.NET's empty one.
        fhir.MapFallback("{**path}", IResult (HttpContext context) =>
            throw FhirGatewayException.NotFound($"No FHIR interaction at {context.Request.Method} {context.Request.Path}."));

        return endpoints;
    }
}
