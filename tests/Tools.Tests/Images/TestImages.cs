using ClinicalAgent.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>Deterministic test pictures: every pixel a function of its position and a seed, so two images never match by accident.</summary>
internal static class TestImages
{
    public static ImagePixels Pixels(int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                rgb[i] = (byte)((x * 7) + seed);
                rgb[i + 1] = (byte)((y * 11) + (seed * 3));
                rgb[i + 2] = (byte)((x ^ y) + (seed * 5));
            }
        }

        return new ImagePixels(width, height, rgb);
    }

    public static byte[] Png(int width, int height, int seed) => PngEncoding.Encode(Pixels(width, height, seed));

    public static byte[] Jpeg(int width, int height, int seed)
    {
        var pixels = Pixels(width, height, seed);
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, width, height);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }
}
