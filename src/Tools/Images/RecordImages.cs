using System.Net;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Records;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// The images of a record over the injected gateway: a patient's list, one image by its <see cref="ImageId"/>, and
/// its pixels (inline attachment data, else the Binary it references, read through the gateway so the read is
/// audited and authorized like any other). Every user error is a <see cref="ToolArgumentException"/>.
/// </summary>
internal sealed class RecordImages(ClinicalRecords records)
{
    /// <summary>How many resources of each image-holding type one listing reads.</summary>
    internal const int ScanLimit = 200;

    /// <summary>Every image of the patient, newest first (undated last).</summary>
    public async Task<List<ImageEntry>> ListAsync(Patient patient, CancellationToken cancellationToken)
    {
        var entries = new List<ImageEntry>();
        entries.AddRange(await ScanAsync<ImagingStudy>(patient, cancellationToken).ConfigureAwait(false));
        entries.AddRange(await ScanAsync<Media>(patient, cancellationToken).ConfigureAwait(false));
        entries.AddRange(await ScanAsync<DocumentReference>(patient, cancellationToken).ConfigureAwait(false));
        entries.AddRange(await ScanAsync<DiagnosticReport>(patient, cancellationToken).ConfigureAwait(false));
        return [.. entries
            .OrderByDescending(e => e.Moment ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Id.ToString(), StringComparer.Ordinal)];
    }

    private async Task<IEnumerable<ImageEntry>> ScanAsync<T>(Patient patient, CancellationToken cancellationToken)
        where T : Resource
    {
        var (resources, _) = await records.SearchAsync<T>(new SearchQuery([new("patient", patient.Id ?? "")]), ScanLimit, cancellationToken)
            .ConfigureAwait(false);
        return resources.SelectMany(ImageSources.Of);
    }

    /// <summary>The image <paramref name="id"/> names.</summary>
    /// <exception cref="ToolArgumentException">No such resource, or it holds no image of that number.</exception>
    public async Task<ImageEntry> FindAsync(ImageId id, CancellationToken cancellationToken)
    {
        Resource resource;
        try
        {
            resource = await records.Gateway.ReadAsync(id.ResourceType, id.ResourceId, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new ToolArgumentException($"{id.Resource} does not exist. Use list_images to find a patient's images.");
        }

        var entries = ImageSources.Of(resource).ToList();
        return entries.FirstOrDefault(e => e.Id == id)
            ?? throw new ToolArgumentException(entries.Count == 0
                ? $"{id.Resource} holds no image (no image attachment or instance). Use list_images to find a patient's images."
                : $"{id} is not an image of {id.Resource}; it holds {string.Join(", ", entries.Take(5).Select(e => e.Id.ToString()))}{(entries.Count > 5 ? ", …" : "")}.");
    }

    /// <summary>The image's bytes, decoded (PNG, JPEG, DICOM: whatever <see cref="MedicalImageDecoder"/> reads).</summary>
    /// <exception cref="ToolArgumentException">The bytes are missing, too large, or not decodable.</exception>
    public async Task<ImagePixels> DecodeAsync(ImageEntry entry, CancellationToken cancellationToken)
    {
        var (bytes, contentType) = await BytesAsync(entry, cancellationToken).ConfigureAwait(false);
        var max = records.Options.MaxImageBytes;
        if (bytes.Length > max)
        {
            throw new ToolArgumentException($"{entry.Id} is too large to analyse: {bytes.Length:N0} bytes (the limit, Tools:MaxImageBytes, is {max:N0}).");
        }

        try
        {
            // One call for every format: DICOM decodes through the same decoder as PNG and JPEG.
            return MedicalImageDecoder.Decode(bytes, contentType);
        }
        catch (ImageDecodeException ex)
        {
            throw new ToolArgumentException($"{entry.Id} cannot be decoded: {ex.Message}");
        }
    }

    private async Task<(byte[] Bytes, string? ContentType)> BytesAsync(ImageEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Data is { Length: > 0 } data)
        {
            return (data, entry.ContentType);
        }

        var binaryId = BinaryIdOf(entry.BinaryReference)
            ?? throw new ToolArgumentException(entry.Id.ResourceType == "ImagingStudy"
                ? $"{entry.Id} has no stored pixels in this record (no instance-binary reference); its images are only on the imaging archive."
                : $"{entry.Id} has neither inline data nor a Binary/ID url to read its pixels from.");
        Resource resource;
        try
        {
            resource = await records.Gateway.ReadAsync("Binary", binaryId, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new ToolArgumentException($"{entry.Id}: its pixels, Binary/{binaryId}, do not exist.");
        }

        return resource is Binary { Data.Length: > 0 } binary
            ? (binary.Data, binary.ContentType ?? entry.ContentType)
            : throw new ToolArgumentException($"{entry.Id}: Binary/{binaryId} holds no data.");
    }

    /// <summary>The id of <c>Binary/{id}</c>, also at the end of an absolute URL; null for anything else.</summary>
    internal static string? BinaryIdOf(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var marker = reference.LastIndexOf("Binary/", StringComparison.Ordinal);
        if (marker < 0 || (marker > 0 && reference[marker - 1] != '/'))
        {
            return null;
        }

        var id = reference[(marker + "Binary/".Length)..];
        var end = id.IndexOfAny(['/', '?', '#']);
        id = end < 0 ? id : id[..end];
        return id.Length > 0 ? id : null;
    }
}
