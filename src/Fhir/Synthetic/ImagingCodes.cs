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

    public static CodeableConcept Chest => Codes.Concept(Codes.Snomed, "51185008", "Thoracic structure", "Chest");

    public static CodeableConcept RadiologyCategory => Codes.Concept(Codes.DiagnosticService, "RAD", "Radiology");

    /// <summary>LOINC's document type for an imaging report.</summary>
    public static CodeableConcept ImagingReport(string text) => Codes.Concept(Codes.Loinc, "18748-4", "Diagnostic imaging study", text);

    /// <summary>The one Endpoint every study names (<see cref="DicomWebEndpoint"/>), managed by the shared organization.</summary>
    public static Endpoint Endpoint()
    {
        var endpoint = DicomWebEndpoint.Create("Riverside imaging archive (DICOMweb WADO-RS)");
        endpoint.ManagingOrganization = Codes.Ref("Organization", SharedResources.OrganizationId);
        return endpoint;
    }

    public static Extension InstanceBinary(string binaryId) => new(InstanceBinaryExtension, new ResourceReference($"Binary/{binaryId}"));
}
