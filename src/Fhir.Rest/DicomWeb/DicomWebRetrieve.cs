using System.Net;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Rest.Access;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.Smart;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>WADO-RS instance retrieve: from the three UIDs to the ImagingStudy, its instance, and the Binary holding the file.</summary>
internal static partial class DicomWebRetrieve
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the references a retrieve read, for the audit.</summary>
    public const string TouchedItem = "ClinicalAgent.DicomWebTouched";

    public static async Task<IResult> InstanceAsync(string study, string series, string instance, HttpContext context)
    {
        EnsureUid(study, "Study");
        EnsureUid(series, "Series");
        EnsureUid(instance, "SOP Instance");
        var access = FhirAccess.Of(context);
        access.Require("ImagingStudy", SmartPermissions.Read);
        access.Require("Binary", SmartPermissions.Read);
        var gateway = FhirReadHandlers.Gateway(context);
        var touched = new List<string>();
        context.Items[TouchedItem] = touched;

        var query = SearchQuery.Parse("identifier=" + Uri.EscapeDataString($"{InstanceBinaryExtension.DicomUidSystem}|urn:oid:{study}"), lenient: false);
        var found = (await gateway.SearchAsync("ImagingStudy", query, context.RequestAborted)).Entry
            .Select(e => e.Resource).OfType<ImagingStudy>().FirstOrDefault()
            ?? throw FhirGatewayException.NotFound($"No study {study} is held here.");
        touched.Add($"ImagingStudy/{found.Id}");
        if (AuditPatient(found) is { } patient)
            context.Items[BinaryAccess.AuditPatientItem] = patient;
        access.EnsureVisible(found);

        var seriesFound = found.Series.FirstOrDefault(s => s.Uid == series)
            ?? throw FhirGatewayException.NotFound($"Study {study} has no series {series}.");
        var instanceFound = seriesFound.Instance.FirstOrDefault(i => i.Uid == instance)
            ?? throw FhirGatewayException.NotFound($"Series {series} of study {study} has no instance {instance}.");
        var binaryId = InstanceBinaryExtension.BinaryId(instanceFound)
            ?? throw FhirGatewayException.NotFound($"Instance {instance} names no stored file (no {InstanceBinaryExtension.Url} extension).");
        touched.Add($"Binary/{binaryId}");
        Binary binary;
        try
        {
            binary = (Binary)await gateway.ReadAsync("Binary", binaryId, context.RequestAborted);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw FhirGatewayException.NotFound($"The file of instance {instance} (Binary/{binaryId}) is not held here.");
        }

        await BinaryAccess.EnsureReadableAsync(access, binary, context);
        if (binary.Data is not { Length: > 0 } bytes || !string.Equals(binary.ContentType, DicomWebAccept.Dicom, StringComparison.OrdinalIgnoreCase))
            throw FhirGatewayException.NotFound($"Binary/{binaryId} of instance {instance} holds no DICOM file ({binary.ContentType ?? "no content type"}).");
        var multipart = DicomWebAccept.Choose(context.Request, DicomWebAccept.TransferSyntaxOf(bytes));
        return new DicomWebInstanceResult(bytes, multipart);
    }

    private static string? AuditPatient(ImagingStudy study) =>
        study.Subject?.Reference?.Split('/') is ["Patient", var id] ? id : null;

    private static void EnsureUid(string uid, string what)
    {
        if (uid.Length > 64 || !Uid().IsMatch(uid))
            throw FhirGatewayException.BadRequest($"'{uid}' is not a DICOM {what} UID (digits and dots, at most 64 characters).");
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$")]
    private static partial Regex Uid();
}
