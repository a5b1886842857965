namespace ClinicalAgent.Imaging.Rendering;

/// <summary>
/// MONOCHROME1/2 frames to gray RGB: stored values masked to BitsStored below HighBit and sign-extended, the modality
/// rescale (slope, intercept), the VOI window, and inversion for MONOCHROME1. A lookup table over every stored value
/// makes a frame one table read per pixel.
/// </summary>
internal static class MonochromeRenderer
{
    public static ImagePixels Render(DecodedFrame frame, PixelModule m)
    {
        var count = m.PixelCount;
        var stored = new int[count];
        var samples = frame.Samples;
        var shift = m.HighBit + 1 - m.BitsStored;
        var mask = (1 << m.BitsStored) - 1;
        int minIndex = int.MaxValue, maxIndex = int.MinValue;
        for (var p = 0; p < count; p++)
        {
            var raw = m.BytesPerSample == 1 ? samples[p] : samples[p * 2] | (samples[(p * 2) + 1] << 8);
            var v = (raw >> shift) & mask;
            stored[p] = v;
            var signedValue = Signed(v, m);
            minIndex = Math.Min(minIndex, signedValue);
            maxIndex = Math.Max(maxIndex, signedValue);
        }

        var window = m.WindowCenter is { } c && m.WindowWidth is { } w
            ? new VoiWindow(c, w, m.VoiFunction)
            : MinMaxOf(minIndex, maxIndex, m);
        var lut = new byte[mask + 1];
        var invert = m.Photometric == "MONOCHROME1";
        for (var v = 0; v <= mask; v++)
        {
            var y = window.Apply((Signed(v, m) * m.Slope) + m.Intercept);
            lut[v] = invert ? (byte)(255 - y) : y;
        }

        var rgb = new byte[count * 3];
        for (var p = 0; p < count; p++)
        {
            var y = lut[stored[p]];
            rgb[p * 3] = y;
            rgb[(p * 3) + 1] = y;
            rgb[(p * 3) + 2] = y;
        }

        return new ImagePixels(m.Columns, m.Rows, rgb);
    }

    private static VoiWindow MinMaxOf(int minStored, int maxStored, PixelModule m)
    {
        var a = (minStored * m.Slope) + m.Intercept;
        var b = (maxStored * m.Slope) + m.Intercept;
        return VoiWindow.MinMax(Math.Min(a, b), Math.Max(a, b));
    }

    private static int Signed(int v, PixelModule m) =>
        m.Signed && (v & (1 << (m.BitsStored - 1))) != 0 ? v - (1 << m.BitsStored) : v;
}
