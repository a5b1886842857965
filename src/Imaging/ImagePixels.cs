namespace ClinicalAgent.Imaging;

/// <summary>
/// An image decoded for display and for vision encoders: 8-bit RGB, row-major, no padding (grayscale is copied
/// into all three channels). DICOM pixels reach this form after rescale, VOI windowing and photometric
/// interpretation; PNG and JPEG after decoding. This is what llama.cpp's mtmd bitmap and MedSigLIP's
/// preprocessing take.
/// </summary>
public sealed class ImagePixels
{
    public ImagePixels(int width, int height, byte[] rgb24)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(rgb24);
        if (rgb24.Length != checked(width * height * 3))
            throw new ArgumentException($"RGB buffer holds {rgb24.Length} bytes; {width}×{height} needs {width * height * 3}.", nameof(rgb24));
        Width = width;
        Height = height;
        Rgb24 = rgb24;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width × Height × 3 bytes: R, G, B per pixel.</summary>
    public byte[] Rgb24 { get; }
}
