using ClinicalAgent.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// MedSigLIP's image preprocessing: resize to the encoder's square size (bilinear, squashed, no letterbox, as the
/// reference processor does), scale to [0, 1], normalise with mean = std = 0.5 per channel, lay out as NCHW float32.
/// </summary>
internal static class SigLipImagePreprocessor
{
    /// <summary>[3, size, size] values in [-1, 1], channel-major (the batch of one is the caller's).</summary>
    public static float[] ToTensor(ImagePixels pixels, int size)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var rgb = pixels.Width == size && pixels.Height == size ? pixels.Rgb24 : Resize(pixels, size);
        var plane = size * size;
        var tensor = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            // (v / 255 − 0.5) / 0.5
            tensor[i] = rgb[3 * i] / 127.5f - 1f;
            tensor[plane + i] = rgb[3 * i + 1] / 127.5f - 1f;
            tensor[2 * plane + i] = rgb[3 * i + 2] / 127.5f - 1f;
        }

        return tensor;
    }

    private static byte[] Resize(ImagePixels pixels, int size)
    {
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, pixels.Width, pixels.Height);
        // Triangle is ImageSharp's bilinear; like PIL's it widens on downscaling, so a large radiograph is averaged, not aliased.
        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle }));
        var rgb = new byte[size * size * 3];
        image.CopyPixelDataTo(rgb);
        return rgb;
    }
}
