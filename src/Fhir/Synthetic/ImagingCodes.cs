using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The systems, extension and shared Endpoint the generated imaging uses.</summary>
internal static class ImagingCodes
{
    /// <summary>The extension on <c>ImagingStudy.series.instance</c> naming the Binary that holds the instance's Part 10 file.</summary>
    public const string InstanceBinaryExtension = Fhir.InstanceBinaryExtension.Url;

    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    public const string DicomUidSystem = Fhir.InstanceBinaryExtension.DicomUidSystem;

    public const string Rfc3986 = "urn:ietf:rfc:3986";

    public const string EndpointId = "dicomweb";

    /// <summary>Where the served DICOMweb lives, relative to the server that serves the record (<c>serve</c> maps it there).</summary>
    public const string DicomWebBase = "/dicomweb";

    public static CodeableConcept Chest => Codes.Concept(Codes.Snomed, "51185008", "Thoracic structure", "Chest");

    public static CodeableConcept RadiologyCategory => Codes.Concept(Codes.DiagnosticService, "RAD", "Radiology");

    /// <summary>LOINC's document type for an imaging report.</summary>
    public static CodeableConcept ImagingReport(string text) => Codes.Concept(Codes.Loinc, "18748-4", "Diagnostic imaging study", text);

    /// <summary>The one Endpoint every study names: DICOMweb WADO-RS at the served <c>/dicomweb</c>.</summary>
    public static Endpoint Endpoint() => new()
    {
        Id = EndpointId,
        Status = Hl7.Fhir.Model.Endpoint.EndpointStatus.Active,
        ConnectionType = new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "dicom-wado-rs", "DICOM WADO-RS"),
        Name = "Riverside imaging archive (DICOMweb WADO-RS)",
        ManagingOrganization = Codes.Ref("Organization", SharedResources.OrganizationId),
        PayloadType = [Codes.Concept("http://terminology.hl7.org/CodeSystem/endpoint-payload-type", "any", "Any")],
        PayloadMimeType = ["application/dicom"],
        Address = DicomWebBase,
    };

    public static Extension InstanceBinary(string binaryId) => new(InstanceBinaryExtension, new ResourceReference($"Binary/{binaryId}"));
}
