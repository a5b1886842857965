using ClinicalAgent.Imaging;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>Small synthetic images, encoded by the project's own PNG path.</summary>
internal static class TestImages
{
    /// <summary>A grey gradient of <paramref name="width"/> by <paramref name="height"/> as a PNG file.</summary>
    public static byte[] Png(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
            rgb[(i * 3)] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = (byte)(i * 255 / (width * height));
        return PngEncoding.Encode(new ImagePixels(width, height, rgb));
    }
}
