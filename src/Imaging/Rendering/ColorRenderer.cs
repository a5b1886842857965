namespace ClinicalAgent.Imaging.Rendering;

/// <summary>
/// RGB and YBR frames to RGB: planar or interleaved, 8 or 16 bits (16-bit samples scaled down to their top 8 stored
/// bits), YBR_FULL by the PS3.3 C.7.6.3.1.2 equations, YBR_FULL_422 with each chroma pair shared by two pixels.
/// </summary>
internal static class ColorRenderer
{
    public static ImagePixels Render(DecodedFrame frame, PixelModule m)
    {
        var count = m.PixelCount;
        var rgb = new byte[count * 3];
        var photometric = frame.Photometric;
        if (photometric == "YBR_FULL_422")
        {
            Ybr422(frame.Samples, m, rgb);
            return new ImagePixels(m.Columns, m.Rows, rgb);
        }

        var ybr = photometric == "YBR_FULL";
        for (var p = 0; p < count; p++)
        {
            int a = Sample(frame, m, p, 0), b = Sample(frame, m, p, 1), c = Sample(frame, m, p, 2);
            if (ybr)
                ToRgb(a, b, c, rgb, p * 3);
            else
                (rgb[p * 3], rgb[(p * 3) + 1], rgb[(p * 3) + 2]) = ((byte)a, (byte)b, (byte)c);
        }

        return new ImagePixels(m.Columns, m.Rows, rgb);
    }

    private static int Sample(DecodedFrame frame, PixelModule m, int pixel, int component)
    {
        var index = frame.Planar ? (component * m.PixelCount) + pixel : (pixel * 3) + component;
        if (m.BytesPerSample == 1)
            return frame.Samples[index];
        var value = frame.Samples[index * 2] | (frame.Samples[(index * 2) + 1] << 8);
        return Math.Clamp(value >> Math.Max(0, m.BitsStored - 8), 0, 255);
    }

    // Native YBR_FULL_422 (PS3.3 C.7.6.3.1.2): Y1 Y2 Cb Cr for each horizontal pair of pixels.
    private static void Ybr422(byte[] samples, PixelModule m, byte[] rgb)
    {
        if (m.BytesPerSample != 1)
            throw new ImageDecodeException("YBR_FULL_422 with 16-bit samples is not supported.");
        var width = m.Columns;
        var pairsPerRow = (width + 1) / 2;
        if (samples.Length < (long)m.Rows * pairsPerRow * 4)
            throw new ImageDecodeException("Malformed DICOM: YBR_FULL_422 pixel data is shorter than the image.");
        for (var row = 0; row < m.Rows; row++)
        {
            for (var pair = 0; pair < pairsPerRow; pair++)
            {
                var at = ((row * pairsPerRow) + pair) * 4;
                var x = pair * 2;
                ToRgb(samples[at], samples[at + 2], samples[at + 3], rgb, ((row * width) + x) * 3);
                if (x + 1 < width)
                    ToRgb(samples[at + 1], samples[at + 2], samples[at + 3], rgb, ((row * width) + x + 1) * 3);
            }
        }
    }

    private static void ToRgb(int y, int cb, int cr, byte[] rgb, int at)
    {
        rgb[at] = Clamp(y + (1.402 * (cr - 128)));
        rgb[at + 1] = Clamp(y - (0.344136 * (cb - 128)) - (0.714136 * (cr - 128)));
        rgb[at + 2] = Clamp(y + (1.772 * (cb - 128)));
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
}
