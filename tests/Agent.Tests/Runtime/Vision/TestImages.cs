using ClinicalAgent.Imaging;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

/// <summary>Small deterministic pictures as PNG data, so each test names the image it means.</summary>
internal static class TestImages
{
    public static ImagePixels Pixels(int seed, int width = 48, int height = 40)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)(i * (seed * 2 + 1) + seed * 31);
        return new ImagePixels(width, height, rgb);
    }

    public static DataContent Png(int seed) => new(PngEncoding.Encode(Pixels(seed)), "image/png");

    public static long Count(ChatResponse response, string key) => response.Usage!.AdditionalCounts![key];
}
