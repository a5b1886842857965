using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest.Access;

/// <summary>
/// Decides whether a request may read a Binary, by the resource its <c>securityContext</c> names (FHIR R4 Binary
/// security): reads that resource, checks it against the token, and keeps its patient for the AuditEvent.
/// </summary>
internal static class BinaryAccess
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the patient an access was about, when the answer does not name one.</summary>
    public const string AuditPatientItem = "ClinicalAgent.AuditPatient";

    public static async System.Threading.Tasks.Task EnsureReadableAsync(FhirAccess access, Binary binary, HttpContext context)
    {
        var owner = await SecurityContextAsync(binary, FhirReadHandlers.Gateway(context), context.RequestAborted);
        if (AuditReferences.PatientOf(owner) is { } patient)
            context.Items[AuditPatientItem] = patient;
        access.EnsureBinaryVisible(binary, owner);
    }

    /// <summary>The resource the Binary's securityContext names, or null when it names none or one not held here.</summary>
    private static async System.Threading.Tasks.Task<Resource?> SecurityContextAsync(Binary binary, IFhirGateway gateway, CancellationToken cancellationToken)
    {
        if (binary.SecurityContext?.Reference?.Split('/') is not [var type, var id] || !SearchParameterRegistry.Default.IsResourceType(type))
            return null;
        try
        {
            return await gateway.ReadAsync(type, id, cancellationToken);
        }
        catch (FhirGatewayException ex) when (ex.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone)
        {
            return null;
        }
    }
}
