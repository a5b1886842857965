using ClinicalAgent.Imaging.Dicom;
using ClinicalAgent.Imaging.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Imaging;

/// <summary>
/// Decodes the bytes of an image as a record holds them (DICOM Part 10 or a legacy DICOM stream, PNG, JPEG) into
/// <see cref="ImagePixels"/>. DICOM is recognised by <c>DICM</c> at byte 128, by a stream that starts with a group
/// 0002/0008 tag, or by the content type <c>application/dicom</c>; anything else goes to ImageSharp (PNG, JPEG).
/// </summary>
public static class MedicalImageDecoder
{
    /// <summary>The most pixels of a PNG or JPEG this decoder accepts, as for a DICOM frame (100 megapixels).</summary>
    private const long MaxPixels = DicomLimits.MaxPixelsPerFrame;

    /// <summary>Decodes one image; <paramref name="frame"/> picks a frame of a multi-frame image, numbered from 1 as DICOM does (null: the middle one).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an image this reader decodes, or are malformed.</exception>
    public static ImagePixels Decode(byte[] bytes, string? contentType = null, int? frame = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var dicomType = contentType is not null && contentType.StartsWith("application/dicom", StringComparison.OrdinalIgnoreCase);
        if (dicomType || DicomFile.LooksLikeDicom(bytes))
            return Decode(DicomFile.Read(bytes), frame);
        if (frame is > 1)
            throw new ImageDecodeException($"A PNG or JPEG image has one frame; frame {frame} does not exist.");
        return DecodeRaster(bytes, contentType);
    }

    /// <summary>Renders one frame (1-based; null: the middle one) of a DICOM file already read.</summary>
    /// <exception cref="ImageDecodeException">No pixel data, an unsupported transfer syntax or photometric interpretation, or malformed pixels.</exception>
    public static ImagePixels Decode(DicomFile file, int? frame = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DicomRenderer.Render(file, frame);
    }

    private static ImagePixels DecodeRaster(byte[] bytes, string? contentType)
    {
        var what = contentType is null ? "" : $" ({contentType})";
        try
        {
            var info = Image.Identify(bytes) ?? throw new ImageDecodeException($"Not a PNG or JPEG image{what}: the format is not recognised.");
            if ((long)info.Width * info.Height > MaxPixels)
                throw new ImageDecodeException($"The image{what} is {info.Width}×{info.Height}: more than the {MaxPixels / 1_000_000} megapixels this reader decodes.");
            using var image = Image.Load<Rgb24>(bytes);
            var rgb = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(rgb);
            return new ImagePixels(image.Width, image.Height, rgb);
        }
        catch (ImageDecodeException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ImageSharp meets malformed files with its own exceptions, and (fuzzing shows) with argument and null
            // reference exceptions too: to a caller all of them mean the same.
            throw new ImageDecodeException($"Not a PNG or JPEG image{what}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
