using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir.Serialization.Direct;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace ClinicalAgent.Fhir.Serialization;

/// <summary>
/// The one FHIR JSON parser and serializer of the process, built once: strict parsing that names each
/// problem with its path and line, and compact serialization.
/// </summary>
public static partial class FhirJson
{
    private const int MaxProblems = 5;
    private const int MaxProblemLength = 300;

    private static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    // What the store wrote itself was validated on the way in; reading it back skips strict validation (3× faster).
    private static readonly FhirJsonDeserializer TrustedDeserializer = FhirJsonDeserializer.DEFAULT;

    private static readonly FhirJsonSerializer Serializer = new();

    // Firely's System.Text.Json serializer writes the same JSON about three times faster than the element-model one;
    // every stored write, every REST answer and every AuditEvent goes through it.
    private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

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
    /// <remarks>
    /// An Observation of the common shape is read by <see cref="DirectObservationReader"/>, which gives Firely's object
    /// about four times faster, or declines; everything else, and whatever it declines, goes to Firely's strict parser.
    /// </remarks>
    public static Resource Parse(ReadOnlySpan<byte> utf8Json, string? source = null)
    {
        if (DirectObservationReader.TryRead(WithoutByteOrderMark(utf8Json), out var observation))
        {
            return observation;
        }

        return ParseWithFirely(utf8Json, source);
    }

    /// <summary>Firely's strict parse alone, for every resource: what <see cref="Parse(ReadOnlySpan{byte}, string?)"/> must equal.</summary>
    internal static Resource ParseWithFirely(ReadOnlySpan<byte> utf8Json, string? source = null)
    {
        var where = source is null ? "" : $" in {source}";
        var reader = new Utf8JsonReader(WithoutByteOrderMark(utf8Json));
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
            throw NotR4(utf8Json, source, where, ex.Exceptions.Select(e => e.Message).ToList());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NotSupportedException)
        {
            throw Invalid($"Not FHIR JSON{where}: {ex.Message}", OperationOutcome.IssueType.Structure);
        }

        var problems = errors.Select(e => e.Message).ToList();
        if (problems.Count > 0 || resource is null)
        {
            throw NotR4(utf8Json, source, where, problems.Count > 0 ? problems : ["no resource found"]);
        }

        return resource;
    }

    /// <summary>
    /// The JSON after a UTF-8 byte order mark, which Windows tools write at the start of a file and JSON readers refuse.
    /// </summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json;

    /// <summary>Parses FHIR JSON that must hold a resource of type <typeparamref name="T"/>.</summary>
    public static T Parse<T>(string json, string? source = null)
        where T : Resource => Parse<T>(Encoding.UTF8.GetBytes(json), source);

    /// <inheritdoc cref="Parse{T}(string, string?)"/>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, string? source = null)
        where T : Resource
    {
        var resource = Parse(utf8Json, source);
        return resource as T ?? throw Invalid(
            $"Expected a {ModelInfo.GetFhirTypeNameForType(typeof(T))} but found a {resource.TypeName}{(source is null ? "" : $" in {source}")}.",
            OperationOutcome.IssueType.Invalid);
    }

    /// <summary>Compact FHIR JSON.</summary>
    public static string Serialize(Base resource, bool pretty = false) => resource is Resource whole
        ? JsonSerializer.Serialize(whole, pretty ? Indented : Compact)
        : Serializer.SerializeToString(resource, pretty);

    /// <summary>Compact FHIR JSON as UTF-8 bytes.</summary>
    public static byte[] SerializeToBytes(Base resource, bool pretty = false) => resource is Resource whole
        ? JsonSerializer.SerializeToUtf8Bytes(whole, pretty ? Indented : Compact)
        : Serializer.SerializeToBytes(resource, pretty);

    /// <summary>The first few problems and how many more: a file of another FHIR version has thousands.</summary>
    internal static string Capped(IReadOnlyList<string> problems)
    {
        var shown = string.Join("; ", problems.Take(MaxProblems).Select(Shorten));
        return problems.Count > MaxProblems
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}; and {problems.Count - MaxProblems} more")
            : shown;
    }

    /// <summary>
    /// A problem with the values it quotes cut to a prefix: a parser names the bad value, and a 28 MB string must not
    /// come back in the error (nor a record's content reach a log through it).
    /// </summary>
    private static string Shorten(string problem)
    {
        var quoted = QuotedValue().Replace(problem, m => $"'{m.Groups[1].Value}…'");
        return quoted.Length <= MaxProblemLength ? quoted : quoted[..MaxProblemLength] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']{32})[^']+'")]
    private static partial System.Text.RegularExpressions.Regex QuotedValue();

    // An STU3 or DSTU2 file fails on many elements at once; naming the version says what is wrong in one line.
    private static FhirGatewayException NotR4(ReadOnlySpan<byte> utf8Json, string? source, string where, IReadOnlyList<string> problems)
    {
        if (SniffVersion(utf8Json) is { } version)
        {
            return Invalid(FhirVersionSniffer.Message(source ?? "The resource", version), OperationOutcome.IssueType.NotSupported);
        }

        return Invalid($"Not valid FHIR R4{where}: {Capped(problems)}", OperationOutcome.IssueType.Structure);
    }

    private static string? SniffVersion(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            return FhirVersionSniffer.Detect(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FhirGatewayException Invalid(string text, OperationOutcome.IssueType code) =>
        FhirGatewayException.Create(HttpStatusCode.BadRequest, code, text);
}
