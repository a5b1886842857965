using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>Maps a minimal DICOMweb (PS3.18) over the studies the registered <see cref="IFhirGateway"/> holds.</summary>
public static class DicomWebEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves WADO-RS instance retrieve, <c>GET {prefix}/studies/{study}/series/{series}/instances/{instance}</c> (UIDs),
    /// as <c>multipart/related; type="application/dicom"</c> or, when asked for, <c>application/dicom</c>. The file is the
    /// Binary the ImagingStudy's instance names; access is the same SMART authorization as <c>/fhir</c> (read on
    /// ImagingStudy and Binary, in the token's patient compartment for a <c>patient/</c> scope), and every retrieve is audited.
    /// </summary>
    public static IEndpointRouteBuilder MapDicomWeb(this IEndpointRouteBuilder endpoints, string prefix = "/dicomweb")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var basePath = "/" + (prefix ?? "").Trim('/');
        var group = endpoints.MapGroup(basePath);
        group.AddEndpointFilter(new DicomWebAuditFilter());
        group.AddEndpointFilter<DicomWebErrorFilter>();
        group.RequireSmartAuthorization(endpoints.ServiceProvider);
        group.MapGet(
            "studies/{study}/series/{series}/instances/{instance}",
            (string study, string series, string instance, HttpContext context) => DicomWebRetrieve.InstanceAsync(study, series, instance, context));
        group.MapFallback("{**path}", IResult (HttpContext context) =>
            throw FhirGatewayException.NotFound(
                $"No DICOMweb service at {context.Request.Method} {context.Request.Path}; this server answers GET {basePath}/studies/{{study}}/series/{{series}}/instances/{{instance}}."));
        return endpoints;
    }
}
