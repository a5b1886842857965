using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>
/// Answers DICOMweb failures as one line of plain text with their status (DICOMweb clients do not read FHIR
/// OperationOutcomes); anything unexpected is a 500 whose details stay in the log.
/// </summary>
internal sealed class DicomWebErrorFilter(ILogger<DicomWebErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        try
        {
            return await next(context);
        }
        catch (FhirGatewayException ex)
        {
            FhirRestLog.GatewayFailure(logger, request.Method, request.Path, (int)ex.Status);
            var message = ex.Outcome.Issue.FirstOrDefault()?.Diagnostics ?? ex.Message;
            return Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: (int)ex.Status);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            FhirRestLog.UnexpectedFailure(logger, ex, request.Method, request.Path);
            return Results.Text("The server failed to process the request; the error has been logged.\n", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}
