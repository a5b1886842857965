using ClinicalAgent.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ClinicalAgent.Tools.Images;

/// <summary>Shrinks an image whose longest side passes a cap, keeping its aspect ratio; smaller images pass unchanged.</summary>
internal static class ImageResizer
{
    public static ImagePixels Cap(ImagePixels pixels, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        var longest = Math.Max(pixels.Width, pixels.Height);
        if (longest <= maxSide)
        {
            return pixels;
        }

        var scale = (double)maxSide / longest;
        var width = Math.Max(1, (int)Math.Round(pixels.Width * scale));
        var height = Math.Max(1, (int)Math.Round(pixels.Height * scale));
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, pixels.Width, pixels.Height);
        // Bicubic smooths the downsampling enough that thin lines (ribs, lesion borders) survive without aliasing.
        image.Mutate(x => x.Resize(width, height, KnownResamplers.Bicubic));
        var rgb = new byte[width * height * 3];
        image.CopyPixelDataTo(rgb);
        return new ImagePixels(width, height, rgb);
    }
}
