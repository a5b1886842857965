using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir;

/// <summary>
/// The one Endpoint every ImagingStudy of a record this project writes names (generated or imported): DICOMweb WADO-RS
/// at <c>/dicomweb</c> of whichever server serves the record, so the address is relative to that server.
/// </summary>
public static class DicomWebEndpoint
{
    public const string Id = "dicomweb";

    /// <summary>Where <c>serve</c> and <c>fhir serve</c> answer WADO-RS, relative to their base address.</summary>
    public const string Address = "/dicomweb";

    /// <summary>A reference to it.</summary>
    public static ResourceReference Reference() => new($"Endpoint/{Id}");

    /// <summary>The Endpoint resource; <paramref name="name"/> says whose archive it is.</summary>
    public static Endpoint Create(string name) => new()
    {
        Id = Id,
        Status = Endpoint.EndpointStatus.Active,
        ConnectionType = new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "dicom-wado-rs", "DICOM WADO-RS"),
        Name = name,
        PayloadType = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/endpoint-payload-type", "any", "Any")],
        PayloadMimeType = ["application/dicom"],
        Address = Address,
    };
}
