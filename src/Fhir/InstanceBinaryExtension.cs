using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir;

/// <summary>
/// How an ImagingStudy instance in this project's records finds its pixels: the extension on
/// <c>ImagingStudy.series.instance</c> whose <c>valueReference</c> is the <c>Binary</c> holding the DICOM Part 10 file.
/// </summary>
public static class InstanceBinaryExtension
{
    public const string Url = "http://clinicalagent.local/fhir/StructureDefinition/instance-binary";

    /// <summary>The identifier system of a study's DICOM Study Instance UID (value <c>urn:oid:{uid}</c>).</summary>
    public const string DicomUidSystem = "urn:dicom:uid";

    /// <summary>The Binary's id the instance names, or null when it names none.</summary>
    public static string? BinaryId(ImagingStudy.InstanceComponent instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return (instance.GetExtension(Url)?.Value as ResourceReference)?.Reference?.Split('/') is ["Binary", var id] ? id : null;
    }
}
