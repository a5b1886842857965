using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Turns every failure inside a FHIR endpoint into an OperationOutcome: a gateway failure keeps its status
/// and outcome, a malformed HTTP request is a 400, anything else a 500 whose details stay in the log.
/// </summary>
internal sealed class FhirExceptionFilter(ILogger<FhirExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        try
        {
            // Before the handler, so a write never happens for a client that cannot read the answer.
            FhirFormatNegotiation.Negotiate(context.HttpContext);
            return await next(context);
        }
        catch (FhirGatewayException ex)
        {
            FhirRestLog.GatewayFailure(logger, request.Method, request.Path, (int)ex.Status);
            if (ex.RetryAfter is { } wait)
            {
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return new FhirResourceResult(ex.Outcome, (int)ex.Status);
        }
        catch (BadHttpRequestException ex)
        {
            var failure = FhirGatewayException.BadRequest($"Malformed HTTP request: {ex.Message}");
            return new FhirResourceResult(failure.Outcome, ex.StatusCode);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to read an answer.
            return Results.Empty;
        }
        catch (Exception ex)
        {
            // The path holds the type and ids only; the query string and body may hold patient data, so they stay out.
            FhirRestLog.UnexpectedFailure(logger, ex, request.Method, request.Path);
            var failure = FhirGatewayException.Create(
                HttpStatusCode.InternalServerError,
                OperationOutcome.IssueType.Exception,
                "The server failed to process the request; the error has been logged.");
            return new FhirResourceResult(failure.Outcome, StatusCodes.Status500InternalServerError);
        }
    }
}
