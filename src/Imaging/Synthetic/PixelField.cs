namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// Integer building blocks of the procedural images: smooth value noise, a separable box blur and shape tests.
/// Integer arithmetic only (and IEEE division where a ratio is needed), so results never depend on a math library.
/// </summary>
internal static class PixelField
{
    /// <summary>Smooth noise in [0, 1024): random lattice values every <paramref name="cell"/> pixels, bilinearly interpolated.</summary>
    public static int[] ValueNoise(PixelRandom rng, int width, int height, int cell)
    {
        var columns = width / cell + 2;
        var rows = height / cell + 2;
        var lattice = new int[columns * rows];
        for (var i = 0; i < lattice.Length; i++)
            lattice[i] = rng.Next(0, 1024);

        var noise = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            int gy = y / cell, fy = y % cell;
            for (var x = 0; x < width; x++)
            {
                int gx = x / cell, fx = x % cell;
                var a = lattice[gy * columns + gx];
                var b = lattice[gy * columns + gx + 1];
                var c = lattice[(gy + 1) * columns + gx];
                var d = lattice[(gy + 1) * columns + gx + 1];
                var top = a * (cell - fx) + b * fx;
                var bottom = c * (cell - fx) + d * fx;
                noise[y * width + x] = (top * (cell - fy) + bottom * fy) / (cell * cell);
            }
        }

        return noise;
    }

    /// <summary>A box blur of radius <paramref name="radius"/>, <paramref name="passes"/> times (three passes approach a Gaussian).</summary>
    public static void Blur(int[] values, int width, int height, int radius, int passes)
    {
        var scratch = new int[values.Length];
        for (var pass = 0; pass < passes; pass++)
        {
            BlurLine(values, scratch, width, height, radius, horizontal: true);
            BlurLine(scratch, values, width, height, radius, horizontal: false);
        }
    }

    /// <summary>True inside the axis-aligned ellipse centred at (<paramref name="cx"/>, <paramref name="cy"/>) with semi-axes a, b.</summary>
    public static bool InEllipse(int x, int y, int cx, int cy, int a, int b)
    {
        long dx = x - cx, dy = y - cy;
        return dx * dx * b * b + dy * dy * a * a <= (long)a * a * b * b;
    }

    /// <summary>How deep inside the ellipse a point lies, 1024 at the centre falling to 0 at the edge (negative outside).</summary>
    public static int EllipseDepth(int x, int y, int cx, int cy, int a, int b)
    {
        long dx = x - cx, dy = y - cy;
        return (int)(1024 - (dx * dx * 1024 / ((long)a * a) + dy * dy * 1024 / ((long)b * b)));
    }

    /// <summary>
    /// A pseudo-angle in [0, 4) that grows monotonically with the true angle of (dx, dy): a direction without
    /// trigonometry, enough to index a border's control points.
    /// </summary>
    public static double DiamondAngle(int dx, int dy)
    {
        if (dx == 0 && dy == 0)
            return 0;
        if (dy >= 0)
            return dx >= 0 ? (double)dy / (dx + dy) : 1 - (double)dx / (-dx + dy);
        return dx < 0 ? 2 - (double)dy / (-dx - dy) : 3 + (double)dx / (dx - dy);
    }

    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    private static void BlurLine(int[] source, int[] target, int width, int height, int radius, bool horizontal)
    {
        var length = horizontal ? width : height;
        var lines = horizontal ? height : width;
        var window = 2 * radius + 1;
        for (var line = 0; line < lines; line++)
        {
            int At(int i) => horizontal
                ? source[line * width + Clamp(i, 0, width - 1)]
                : source[Clamp(i, 0, height - 1) * width + line];
            var sum = 0;
            for (var i = -radius; i <= radius; i++)
                sum += At(i);
            for (var i = 0; i < length; i++)
            {
                if (horizontal)
                    target[line * width + i] = sum / window;
                else
                    target[i * width + line] = sum / window;
                sum += At(i + radius + 1) - At(i - radius);
            }
        }
    }
}
