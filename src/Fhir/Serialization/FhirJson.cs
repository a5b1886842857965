using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace ClinicalAgent.Fhir.Serialization;

/// <summary>
/// The one FHIR JSON parser and serializer of the process, built once: strict parsing that names each
/// problem with its path and line, and compact serialization.
/// </summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    // What the store wrote itself was validated on the way in; reading it back skips strict validation (3× faster).
    private static readonly FhirJsonDeserializer TrustedDeserializer = FhirJsonDeserializer.DEFAULT;

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>Parses JSON this process stored after strict parsing (the store's own rows): no re-validation.</summary>
    internal static Resource ParseStored(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        TrustedDeserializer.TryDeserializeResource(ref reader, out var resource, out _);
        return resource ?? throw new InvalidDataException("A stored resource could not be read back; the store file may be damaged.");
    }

    /// <summary>Parses FHIR JSON into a resource, or throws a 400 naming every problem and where it is.</summary>
    public static Resource Parse(string json, string? source = null) => Parse(Encoding.UTF8.GetBytes(json), source);

    /// <inheritdoc cref="Parse(string, string?)"/>
    public static Resource Parse(ReadOnlySpan<byte> utf8Json, string? source = null)
    {
        var where = source is null ? "" : $" in {source}";
        var reader = new Utf8JsonReader(utf8Json);
        Resource? resource;
        IEnumerable<CodedException> errors;
        try
        {
            Deserializer.TryDeserializeResource(ref reader, out resource, out errors);
        }
        catch (JsonException ex)
        {
            throw Invalid($"Malformed JSON{where}: {ex.Message}", OperationOutcome.IssueType.Structure);
        }
        catch (DeserializationFailedException ex)
        {
            throw Invalid($"Not valid FHIR R4{where}: {string.Join("; ", ex.Exceptions.Select(e => e.Message))}", OperationOutcome.IssueType.Structure);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NotSupportedException)
        {
            throw Invalid($"Not FHIR JSON{where}: {ex.Message}", OperationOutcome.IssueType.Structure);
        }

        var problems = errors.ToList();
        if (problems.Count > 0 || resource is null)
        {
            var text = problems.Count > 0 ? string.Join("; ", problems.Select(e => e.Message)) : "no resource found";
            throw Invalid($"Not valid FHIR R4{where}: {text}", OperationOutcome.IssueType.Structure);
        }

        return resource;
    }

    /// <summary>Parses FHIR JSON that must hold a resource of type <typeparamref name="T"/>.</summary>
    public static T Parse<T>(string json, string? source = null)
        where T : Resource
    {
        var resource = Parse(json, source);
        return resource as T ?? throw Invalid(
            $"Expected a {ModelInfo.GetFhirTypeNameForType(typeof(T))} but found a {resource.TypeName}{(source is null ? "" : $" in {source}")}.",
            OperationOutcome.IssueType.Invalid);
    }

    /// <summary>Compact FHIR JSON.</summary>
    public static string Serialize(Base resource, bool pretty = false) => Serializer.SerializeToString(resource, pretty);

    /// <summary>Compact FHIR JSON as UTF-8 bytes.</summary>
    public static byte[] SerializeToBytes(Base resource, bool pretty = false) => Serializer.SerializeToBytes(resource, pretty);

    private static FhirGatewayException Invalid(string text, OperationOutcome.IssueType code) =>
        FhirGatewayException.Create(HttpStatusCode.BadRequest, code, text);
}
