using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Records;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// An image of the record as a PNG for a person to look at (the web app shows images inline): the same lookup and
/// decoding as the image tools (<c>list_images</c> ids, inline data or the referenced Binary, DICOM windowing), read
/// through the records' gateway so the read is audited and authorized like any other.
/// </summary>
public sealed class ImagePreviews(ClinicalRecords records)
{
    private readonly RecordImages _images = new(records);

    /// <summary>The image <paramref name="imageId"/> as PNG, its longer side at most <paramref name="maxSide"/> pixels;
    /// no PNG when there is no such image or its pixels cannot be read, and then the problem, for a person.</summary>
    public async Task<(byte[]? Png, string? Problem)> PngAsync(string imageId, int maxSide, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await _images.FindAsync(ImageId.Parse(imageId), cancellationToken).ConfigureAwait(false);
            var pixels = ImageResizer.Cap(await _images.DecodeAsync(entry, cancellationToken).ConfigureAwait(false), maxSide);
            return (PngEncoding.Encode(pixels), null);
        }
        catch (ToolArgumentException ex)
        {
            return (null, ex.Message);
        }
    }
}
