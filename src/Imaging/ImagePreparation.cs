using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ClinicalAgent.Imaging;

/// <summary>
/// Decoded pixels resized to a vision encoder's square input (MedGemma's SigLIP takes 896×896, MedSigLIP 448×448),
/// with ImageSharp's bilinear resampler.
/// </summary>
public static class ImagePreparation
{
    /// <summary>Resized to <paramref name="size"/>×<paramref name="size"/> ignoring the aspect ratio, as MedSigLIP's own preprocessing does.</summary>
    public static ImagePixels Squash(ImagePixels pixels, int size)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, pixels.Width, pixels.Height);
        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle }));
        return ToPixels(image);
    }

    /// <summary>
    /// Fitted inside <paramref name="size"/>×<paramref name="size"/> keeping the aspect ratio, centred, the rest black:
    /// anatomy keeps its proportions (a heart's width against the thorax's).
    /// </summary>
    public static ImagePixels Letterbox(ImagePixels pixels, int size)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var scale = Math.Min((double)size / pixels.Width, (double)size / pixels.Height);
        var width = Math.Clamp((int)Math.Round(pixels.Width * scale), 1, size);
        var height = Math.Clamp((int)Math.Round(pixels.Height * scale), 1, size);
        using var image = Image.LoadPixelData<Rgb24>(pixels.Rgb24, pixels.Width, pixels.Height);
        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle }));
        using var canvas = new Image<Rgb24>(size, size, new Rgb24(0, 0, 0));
        var at = new Point((size - width) / 2, (size - height) / 2);
        canvas.Mutate(x => x.DrawImage(image, at, 1f));
        return ToPixels(canvas);
    }

    private static ImagePixels ToPixels(Image<Rgb24> image)
    {
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new ImagePixels(image.Width, image.Height, rgb);
    }
}
