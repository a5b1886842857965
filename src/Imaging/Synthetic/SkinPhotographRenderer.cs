namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// Draws a 384×384 RGB close-up of skin (one of six tones, lit unevenly, with pores and fine texture) holding one
/// lesion: a benign nevus (round, sharp regular border, one brown) or one suspicious for melanoma (asymmetric,
/// notched border, dark brown, black, blue-grey and red areas).
/// </summary>
public static class SkinPhotographRenderer
{
    public const int Size = 384;

    private const int ControlPoints = 16;

    private static readonly (int R, int G, int B)[] Tones =
        [(241, 200, 172), (228, 180, 146), (205, 146, 112), (170, 112, 82), (128, 84, 60), (96, 64, 46)];

    // The suspicious lesion's palette, in the order the patch noise walks it: light brown, mid brown, dark brown,
    // black, dark brown again, blue-grey, red.
    private static readonly (int R, int G, int B)[] Suspicious =
        [(140, 94, 64), (104, 64, 42), (74, 44, 30), (36, 24, 22), (82, 50, 34), (104, 100, 114), (150, 76, 64)];

    /// <summary>The same lesion and seed always give the same pixels.</summary>
    public static SkinPhotograph Render(SkinLesion lesion, ulong seed)
    {
        var rng = new PixelRandom(seed);
        var tone = Tones[rng.Next(0, Tones.Length)];
        var cx = Size / 2 + rng.Next(-30, 31);
        var cy = Size / 2 + rng.Next(-30, 31);
        var suspicious = lesion == SkinLesion.MelanomaSuspicious;
        var baseRadius = suspicious ? rng.Next(52, 70) : rng.Next(26, 40);
        var border = new int[ControlPoints];
        for (var i = 0; i < ControlPoints; i++)
            border[i] = suspicious ? baseRadius * rng.Next(72, 124) / 100 : baseRadius * rng.Next(97, 103) / 100;
        var nevusColour = (R: tone.R * 45 / 100, G: tone.G * 32 / 100, B: tone.B * 26 / 100);
        var texture = PixelField.ValueNoise(rng, Size, Size, 48);
        var pores = PixelField.ValueNoise(rng, Size, Size, 3);
        var patches = PixelField.ValueNoise(rng, Size, Size, 14);

        var rgb = new byte[Size * Size * 3];
        int min = int.MaxValue, max = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var i = y * Size + x;
                // Light from the upper left: about 8% brighter there, 6% darker at the lower right.
                var light = 1080 - (x + y) * 140 / (2 * Size) + (texture[i] - 512) / 40;
                var pore = pores[i] < 90 ? -14 : 0;
                var (r, g, b) = (tone.R * light / 1000 + pore, tone.G * light / 1000 + pore, tone.B * light / 1000 + pore);

                var radius = Radius(border, x - cx, y - cy);
                var dx = x - cx;
                var dy = y - cy;
                var distanceSquared = dx * dx + dy * dy;
                // Soft edge a few pixels wide, wider and ragged for the suspicious lesion.
                var edge = suspicious ? 5 : 2;
                var inner = (radius - edge) * (radius - edge);
                var outer = (radius + edge) * (radius + edge);
                if (distanceSquared < outer)
                {
                    var (lr, lg, lb) = suspicious ? Mix(patches[i], texture[i]) : nevusColour;
                    var weight = distanceSquared <= inner ? 256 : 256 * (outer - distanceSquared) / (outer - inner);
                    r += (lr * light / 1000 - r) * weight / 256;
                    g += (lg * light / 1000 - g) * weight / 256;
                    b += (lb * light / 1000 - b) * weight / 256;
                }

                var grain = (pores[i] & 7) - 3;
                rgb[3 * i] = (byte)PixelField.Clamp(r + grain, 0, 255);
                rgb[3 * i + 1] = (byte)PixelField.Clamp(g + grain, 0, 255);
                rgb[3 * i + 2] = (byte)PixelField.Clamp(b + grain, 0, 255);
            }
        }

        foreach (var r in border)
        {
            min = Math.Min(min, r);
            max = Math.Max(max, r);
        }

        return new SkinPhotograph(new ImagePixels(Size, Size, rgb), lesion, cx, cy, min, max);
    }

    /// <summary>The border's distance from the centre in this direction, interpolated between control points.</summary>
    private static int Radius(int[] border, int dx, int dy)
    {
        var position = PixelField.DiamondAngle(dx, dy) * ControlPoints / 4;
        var index = (int)position;
        var fraction = (int)((position - index) * 256);
        var a = border[index % ControlPoints];
        var b = border[(index + 1) % ControlPoints];
        return a + (b - a) * fraction / 256;
    }

    /// <summary>A suspicious lesion's colour at one point: islands of the palette, blended at their edges.</summary>
    private static (int R, int G, int B) Mix(int patch, int texture)
    {
        var index = PixelField.Clamp((patch * 3 + texture) * Suspicious.Length / 4096, 0, Suspicious.Length - 1);
        return Suspicious[index];
    }
}
