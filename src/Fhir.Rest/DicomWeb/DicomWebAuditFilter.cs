using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Rest.Access;
using ClinicalAgent.Fhir.Rest.Audit;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>
/// Records every DICOMweb retrieve as an AuditEvent, as <c>/fhir</c> records a read: the caller, the status, the
/// patient, and the ImagingStudy and Binary it read. Without a registered <see cref="IAuditSink"/> it does nothing.
/// </summary>
internal sealed class DicomWebAuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sink = http.RequestServices.GetService<IAuditSink>();
        if (sink is null)
            return await next(context);

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await sink.RecordAsync(Describe(http, StatusCodes.Status500InternalServerError) with { Outcome = AuditOutcome.MajorFailure });
            throw;
        }

        var status = result switch
        {
            DicomWebInstanceResult answer => answer.StatusCode,
            IStatusCodeHttpResult { StatusCode: { } code } => code,
            _ => http.Response.StatusCode,
        };
        await sink.RecordAsync(Describe(http, status));
        return result;
    }

    private static AuditRecord Describe(HttpContext http, int status)
    {
        var caller = http.GetFhirCaller();
        return new AuditRecord(AuditKind.Rest, "read", AuditAction.Read, AuditOutcomes.FromHttpStatus(status))
        {
            Actor = CallerActor.From(caller),
            ClientId = caller.ClientId,
            OutcomeDetail = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PatientId = http.Items[BinaryAccess.AuditPatientItem] as string,
            Resources = http.Items[DicomWebRetrieve.TouchedItem] as List<string> ?? [],
        };
    }
}
