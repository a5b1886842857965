namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// Draws 256×256 axial CT slices of the chest, viewed from the feet (patient's right on the image's left, anterior up):
/// skin and subcutaneous fat, chest wall muscle, ribs, lungs with vessels, trachea, aorta, heart, vertebra and the finding.
/// An effusion lies posteriorly (dependent, the patient supine); a consolidation is a patch of soft-tissue density.
/// </summary>
public static class CtChestRenderer
{
    public const int Size = 256;

    /// <summary>How many slices a study has: upper, mid and lower chest.</summary>
    public const int Levels = 3;

    private const int Mid = Size / 2;

    // Rib positions around the chest wall, as offsets from the body centre in 1/1000 of the semi-axes (cos, sin of
    // 12 angles written out, so no trigonometry runs here).
    private static readonly (int Cos, int Sin)[] RibAngles =
    [
        (966, 259), (866, 500), (707, 707), (500, 866), (-500, 866), (-707, 707), (-866, 500), (-966, 259),
        (-966, -259), (-866, -500), (866, -500), (966, -259),
    ];

    /// <summary>The same finding, seed and level always give the same slice.</summary>
    public static CtSlice Render(ChestFinding finding, ulong seed, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, Levels);
        // The anatomy comes from the seed alone, so the three levels of one study belong to one patient.
        var anatomy = new PixelRandom(seed);
        var bodyA = anatomy.Next(104, 116);
        var bodyB = anatomy.Next(76, 86);
        var heart = finding == ChestFinding.Cardiomegaly ? anatomy.Next(54, 60) : anatomy.Next(36, 42);
        var effusionSide = anatomy.Chance(50) ? -1 : 1;
        var patchX = Mid + (anatomy.Chance(50) ? -1 : 1) * anatomy.Next(40, 60);
        var patchY = anatomy.Next(110, 150);
        var rng = new PixelRandom(seed ^ (0x5DEECE66DUL * (ulong)(level + 1)));
        var texture = PixelField.ValueNoise(rng, Size, Size, 10);

        var lungB = level switch { 0 => 48, 1 => 58, _ => 60 };
        var heartScale = level switch { 0 => 0, 1 => 700, _ => 1000 };
        var values = new int[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var noise = texture[y * Size + x];
                values[y * Size + x] = Hounsfield(x, y, bodyA, bodyB, lungB, heart * heartScale / 1000, level, noise, finding, effusionSide, patchX, patchY);
            }
        }

        PixelField.Blur(values, Size, Size, radius: 1, passes: 1);
        var hu = new short[Size * Size];
        for (var i = 0; i < hu.Length; i++)
            hu[i] = (short)PixelField.Clamp(values[i] + rng.Next(-12, 13), -1024, 3071);
        return new CtSlice(Size, Size, hu, finding, level);
    }

    private static int Hounsfield(int x, int y, int bodyA, int bodyB, int lungB, int heart, int level, int noise,
        ChestFinding finding, int effusionSide, int patchX, int patchY)
    {
        const int cy = 132;
        if (!PixelField.InEllipse(x, y, Mid, cy, bodyA, bodyB))
            return y > cy + bodyB + 14 && y < cy + bodyB + 22 ? 200 : -1000; // air, and the table under the patient
        if (!PixelField.InEllipse(x, y, Mid, cy, bodyA - 9, bodyB - 9))
            return -100 + (noise - 512) / 20; // subcutaneous fat
        foreach (var (cos, sin) in RibAngles)
        {
            var rx = Mid + (bodyA - 17) * cos / 1000;
            var ry = cy + (bodyB - 15) * sin / 1000;
            if (PixelField.InEllipse(x, y, rx, ry, 6, 4))
                return PixelField.InEllipse(x, y, rx, ry, 4, 2) ? 300 : 900;
        }

        var side = x < Mid ? -1 : 1;
        var lungX = Mid + side * 52;
        if (Vertebra(x, y, cy + 48) is { } bone)
            return bone;
        if (Mediastinum(x, y, cy, heart, level) is { } centre)
            return centre;
        if (PixelField.InEllipse(x, y, lungX, cy - 4, 44, lungB))
        {
            if (finding == ChestFinding.PleuralEffusion && side == effusionSide
                && !PixelField.InEllipse(x, y, lungX, cy - 16, 40, lungB - 12))
                return 8 + (noise - 512) / 64; // dependent fluid along the posterior chest wall
            if (finding == ChestFinding.Pneumonia && PixelField.EllipseDepth(x, y, patchX, patchY, 24, 18) is > 0 and var depth)
                return depth > 300 || noise > 560 ? 25 + (noise - 512) / 16 : -400;
            var vessel = noise > 900 ? 600 : 0; // vessels seen end-on as small bright dots
            return -860 + (noise - 512) / 8 + vessel;
        }

        return 45 + (noise - 512) / 24; // chest wall muscle
    }

    private static int? Vertebra(int x, int y, int cy)
    {
        if (PixelField.InEllipse(x, y, Mid, cy + 22, 6, 6))
            return 15; // the spinal canal
        if (PixelField.InEllipse(x, y, Mid, cy, 17, 15))
            return PixelField.InEllipse(x, y, Mid, cy, 14, 12) ? 320 : 950;
        if (y > cy + 14 && y < cy + 32 && Math.Abs(x - Mid) < 22 && Math.Abs(x - Mid) > 7)
            return 700; // posterior elements
        return null;
    }

    private static int? Mediastinum(int x, int y, int cy, int heart, int level)
    {
        if (level == 0)
        {
            if (PixelField.InEllipse(x, y, Mid, cy - 22, 8, 8))
                return -1000; // the trachea
            if (PixelField.InEllipse(x, y, Mid - 4, cy - 2, 34, 14))
                return 40; // the aortic arch
            return Math.Abs(x - Mid) < 12 && y < cy + 40 && y > cy - 60 ? 35 : null;
        }

        if (PixelField.InEllipse(x, y, Mid - 14, cy + 30, 11, 11))
            return 42; // the descending aorta
        if (heart > 0 && PixelField.InEllipse(x, y, Mid + 10, cy - 14, heart, heart * 4 / 5))
            return PixelField.InEllipse(x, y, Mid + 10, cy - 14, heart - 3, heart * 4 / 5 - 3) ? 40 : -90; // myocardium in its fat
        return Math.Abs(x - Mid) < 14 && y < cy + 44 && y > cy - 60 ? 35 : null;
    }
}
