using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// One image of a record, found in its resource: what <c>list_images</c> shows and where its bytes are (inline
/// <see cref="Data"/>, else the <see cref="BinaryReference"/> to read).
/// </summary>
internal sealed record ImageEntry(ImageId Id, Resource Source)
{
    /// <summary>The patient id the source resource is about, when it names one.</summary>
    public string? PatientId { get; init; }

    /// <summary>The modality code (<c>CR</c>, <c>DX</c>, <c>CT</c>, <c>XC</c>) or text.</summary>
    public string? Modality { get; init; }

    public string? BodySite { get; init; }

    /// <summary>When the image was taken (series or study start, Media created, document date).</summary>
    public string? Date { get; init; }

    /// <summary>A study description, a series description, a title.</summary>
    public string? Title { get; init; }

    public string? ContentType { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>The size of the stored file, when the record says (an attachment's size or data).</summary>
    public long? Bytes { get; init; }

    /// <summary>The image's bytes when the resource holds them inline.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Where the bytes are otherwise: <c>Binary/{id}</c> (or an absolute URL ending so).</summary>
    public string? BinaryReference { get; init; }

    /// <summary>The date as a moment, for ordering and <c>since</c>.</summary>
    public DateTimeOffset? Moment => Formatting.FhirText.Parse(Date);
}
