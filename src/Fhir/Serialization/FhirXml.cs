using System.Net;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace ClinicalAgent.Fhir.Serialization;

/// <summary>
/// The one FHIR XML parser and serializer of the process (Firely's), built once: strict parsing that names each
/// problem, for clients that speak <c>application/fhir+xml</c>.
/// </summary>
public static class FhirXml
{
    private static readonly FhirXmlDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    private static readonly FhirXmlSerializer Serializer = new();

    // No DTDs: a FHIR resource never needs one, and entity expansion is how XML bodies attack servers.
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    /// <summary>FHIR XML as UTF-8 bytes.</summary>
    public static byte[] SerializeToBytes(Base resource, bool pretty = false) => Serializer.SerializeToBytes(resource, pretty);

    /// <summary>FHIR XML as a string.</summary>
    public static string Serialize(Base resource, bool pretty = false) => Serializer.SerializeToString(resource, pretty);

    /// <summary>Parses FHIR XML into a resource, or throws a 400 naming every problem.</summary>
    public static Resource Parse(byte[] utf8Xml, string? source = null)
    {
        var where = source is null ? "" : $" in {source}";
        Resource? resource;
        IEnumerable<CodedException> errors;
        try
        {
            using var stream = new MemoryStream(utf8Xml, writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            Deserializer.TryDeserializeResource(reader, out resource, out errors);
        }
        catch (XmlException ex)
        {
            throw Invalid($"Malformed XML{where}: {ex.Message}");
        }
        catch (DeserializationFailedException ex)
        {
            throw Invalid($"Not valid FHIR R4{where}: {string.Join("; ", ex.Exceptions.Select(e => e.Message))}");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NotSupportedException)
        {
            throw Invalid($"Not FHIR XML{where}: {ex.Message}");
        }

        var problems = errors.ToList();
        if (problems.Count > 0 || resource is null)
        {
            var text = problems.Count > 0 ? string.Join("; ", problems.Select(e => e.Message)) : "no resource found";
            throw Invalid($"Not valid FHIR R4{where}: {text}");
        }

        return resource;
    }

    private static FhirGatewayException Invalid(string text) =>
        FhirGatewayException.Create(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Structure, text);
}
