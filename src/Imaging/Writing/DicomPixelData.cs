namespace ClinicalAgent.Imaging.Writing;

/// <summary>
/// The pixel module of one uncompressed frame as it is written: dimensions, photometric interpretation, bit layout and
/// the little-endian sample bytes (<c>PixelData</c>). Built by the factories, which keep the tags consistent.
/// </summary>
public sealed record DicomPixelData
{
    private DicomPixelData(int width, int height, int samplesPerPixel, string photometric, int bitsAllocated, int bitsStored, bool signed, byte[] bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        Width = width;
        Height = height;
        SamplesPerPixel = samplesPerPixel;
        Photometric = photometric;
        BitsAllocated = bitsAllocated;
        BitsStored = bitsStored;
        Signed = signed;
        Bytes = bytes;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>1 for grayscale, 3 for RGB.</summary>
    public int SamplesPerPixel { get; }

    /// <summary><c>MONOCHROME2</c> or <c>RGB</c>.</summary>
    public string Photometric { get; }

    public int BitsAllocated { get; }

    public int BitsStored { get; }

    /// <summary>PixelRepresentation 1 (two's complement) when true.</summary>
    public bool Signed { get; }

    /// <summary>The PixelData value: samples little-endian, RGB interleaved (PlanarConfiguration 0).</summary>
    public byte[] Bytes { get; }

    /// <summary>Unsigned 16-bit grayscale (MONOCHROME2, brighter = denser), values below 2^<paramref name="bitsStored"/>.</summary>
    public static DicomPixelData Monochrome16(int width, int height, ushort[] values, int bitsStored)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitsStored, 9);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitsStored, 16);
        CheckLength(values.Length, width, height, 1);
        var limit = 1 << bitsStored;
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= limit)
                throw new ArgumentException($"Pixel {i} is {values[i]}, beyond {bitsStored} stored bits.", nameof(values));
            bytes[2 * i] = (byte)values[i];
            bytes[2 * i + 1] = (byte)(values[i] >> 8);
        }

        return new DicomPixelData(width, height, 1, "MONOCHROME2", 16, bitsStored, signed: false, bytes);
    }

    /// <summary>Signed 16-bit grayscale (MONOCHROME2), e.g. CT stored values that a rescale maps to Hounsfield units.</summary>
    public static DicomPixelData Signed16(int width, int height, short[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckLength(values.Length, width, height, 1);
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            bytes[2 * i] = (byte)values[i];
            bytes[2 * i + 1] = (byte)((ushort)values[i] >> 8);
        }

        return new DicomPixelData(width, height, 1, "MONOCHROME2", 16, 16, signed: true, bytes);
    }

    /// <summary>8-bit grayscale (MONOCHROME2).</summary>
    public static DicomPixelData Monochrome8(int width, int height, byte[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckLength(values.Length, width, height, 1);
        return new DicomPixelData(width, height, 1, "MONOCHROME2", 8, 8, signed: false, [.. values]);
    }

    /// <summary>8-bit RGB, interleaved.</summary>
    public static DicomPixelData Rgb(ImagePixels pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return new DicomPixelData(pixels.Width, pixels.Height, 3, "RGB", 8, 8, signed: false, [.. pixels.Rgb24]);
    }

    private static void CheckLength(int length, int width, int height, int samples)
    {
        if (length != (long)width * height * samples)
            throw new ArgumentException($"{length} samples given; {width}×{height}×{samples} needed.");
    }
}
