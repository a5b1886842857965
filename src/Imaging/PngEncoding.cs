using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Imaging;

/// <summary>Decoded pixels as a PNG file: what a vision model, a browser or an OpenAI-compatible server takes.</summary>
public static class PngEncoding
{
    public static byte[] Encode(ImagePixels pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, pixels.Width, pixels.Height);
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        return output.ToArray();
    }
}
