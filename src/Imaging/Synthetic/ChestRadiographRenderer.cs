namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// Draws a 512×512 PA chest radiograph: soft tissue, two lung fields with hilar markings, mediastinum and trachea,
/// heart silhouette, spine, posterior ribs, clavicles, hemidiaphragms with a gastric bubble, and the finding.
/// The patient's right is on the image's left, as a PA film is read.
/// </summary>
public static class ChestRadiographRenderer
{
    public const int Size = 512;

    private const int Air = 120;
    private const int Soft = 1650;
    private const int Lung = 560;
    private const int Mid = Size / 2;
    private const int LungOffset = 100;
    private const int LungCentreY = 250;
    private const int LungHalfHeight = 165;

    /// <summary>The same finding and seed always give the same pixels.</summary>
    public static ChestRadiograph Render(ChestFinding finding, ulong seed)
    {
        var rng = new PixelRandom(seed);
        var lungHalfWidth = rng.Next(84, 93);
        var heartHalfWidth = finding == ChestFinding.Cardiomegaly ? rng.Next(108, 118) : rng.Next(70, 84);
        var rightDome = 356 + rng.Next(0, 10);
        var leftDome = rightDome + rng.Next(8, 18);
        var texture = PixelField.ValueNoise(rng, Size, Size, 24);
        var fine = PixelField.ValueNoise(rng, Size, Size, 6);
        int? sides = finding == ChestFinding.PleuralEffusion ? (rng.Chance(30) ? 0 : rng.Chance(50) ? -1 : 1) : null;
        var effusionLevel = 318 + rng.Next(0, 36);
        var blobs = finding == ChestFinding.Pneumonia ? Blobs(rng, lungHalfWidth) : [];

        var density = new int[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                density[y * Size + x] = Density(x, y, lungHalfWidth, heartHalfWidth, rightDome, leftDome, texture[y * Size + x], fine[y * Size + x], sides, effusionLevel, blobs);
            }
        }

        PixelField.Blur(density, Size, Size, radius: 2, passes: 2);
        var pixels = new ushort[Size * Size];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)PixelField.Clamp(density[i] + rng.Next(-28, 29), 0, 4095);
        }

        var thorax = 2 * (LungOffset + lungHalfWidth);
        return new ChestRadiograph(Size, Size, pixels, finding, (double)(2 * heartHalfWidth) / thorax, sides);
    }

    private static int Density(int x, int y, int lungHalfWidth, int heartHalfWidth, int rightDome, int leftDome, int texture, int fine,
        int? sides, int effusionLevel, (int X, int Y, int R)[] blobs)
    {
        if (!PixelField.InEllipse(x, y, Mid, 300, 236, 320))
            return Air + texture / 16;

        var side = x < Mid ? -1 : 1;
        var centre = Mid + side * LungOffset;
        var dome = Dome(x, centre, lungHalfWidth, side < 0 ? rightDome : leftDome);
        var value = Soft + texture / 8 - 60;

        var inLung = y < dome && PixelField.InEllipse(x, y, centre, LungCentreY, lungHalfWidth, LungHalfHeight);
        var inMediastinum = Math.Abs(x - Mid) < 36 && y < 300;
        var inHeart = y < dome + 10 && PixelField.InEllipse(x, y, Mid + 22, 338, heartHalfWidth, 84);
        if (inLung && !inMediastinum && !inHeart)
        {
            // Lungs are air with a vascular tree: brighter towards the hila and the bases, finely mottled.
            value = Lung + (texture - 512) / 6 + (fine - 512) / 10;
            var hilum = PixelField.EllipseDepth(x, y, Mid + side * 48, 262, 80, 90);
            if (hilum > 0)
                value += hilum * 300 / 1024 * (fine + 512) / 1024;
            value += (y - 120) * 120 / 300;
            value = Effusion(value, x, y, side, centre, lungHalfWidth, dome, sides, effusionLevel);
            value = Consolidation(value, x, y, blobs, fine);
        }
        else if (Math.Abs(x - Mid) < 10 && y > 30 && y < 205)
        {
            value = 950 + texture / 10; // the trachea's air column
        }
        else if (y >= dome && side > 0 && PixelField.InEllipse(x, y, centre + 12, dome + 28, 26, 15))
        {
            value = 820 + texture / 10; // the gastric bubble under the left hemidiaphragm
        }
        else if (inHeart || inMediastinum)
        {
            value = Soft + 110 + texture / 12;
        }

        if (Math.Abs(x - Mid) < 17)
            value += 380 - Math.Abs(x - Mid) * 6; // vertebral bodies through the mediastinum
        value += Bone(x, y, lungHalfWidth, dome);
        return value;
    }

    /// <summary>Each hemidiaphragm's dome: highest at the hemithorax's middle, falling to the costophrenic angle.</summary>
    private static int Dome(int x, int centre, int halfWidth, int peak)
    {
        var dx = x - centre;
        return peak + 58 * dx * dx / (halfWidth * halfWidth);
    }

    private static int Bone(int x, int y, int lungHalfWidth, int dome)
    {
        var reach = LungOffset + lungHalfWidth + 14;
        var lateral = Math.Abs(x - Mid);
        if (lateral > reach || lateral < 18)
            return 0;
        var bone = 0;

        // Posterior ribs: ten arcs per side, rising from the spine and sweeping down towards the chest wall.
        for (var k = 0; k < 10; k++)
        {
            var t = lateral * 1024 / reach;
            var centreY = 96 + k * 29 - 34 * t / 1024 + 86 * t * t / (1024 * 1024);
            var distance = Math.Abs(y - centreY);
            if (distance < 6 && y < dome + 24)
                bone += distance < 4 ? 300 : 170;
        }

        // Clavicles: from the sternal notch outwards and slightly upwards.
        if (lateral < 160)
        {
            var clavicleY = 122 - lateral * 28 / 160;
            if (Math.Abs(y - clavicleY) < 8)
                bone += 640;
        }

        return bone;
    }

    /// <summary>
    /// Fluid layers at the base with a meniscus: its surface climbs the lateral chest wall, so the costophrenic angle
    /// fills first and the hemidiaphragm's outline is lost.
    /// </summary>
    private static int Effusion(int value, int x, int y, int side, int centre, int halfWidth, int dome, int? sides, int level)
    {
        if (sides is not { } affected || (affected != 0 && affected != side))
            return value;
        var medialEdge = centre - side * halfWidth;
        var outward = PixelField.Clamp((medialEdge - x) * -side * 1024 / (2 * halfWidth), 0, 1024); // 0 medially, 1024 at the chest wall
        var surface = level - 52 * outward * outward / (1024 * 1024);
        if (y >= surface)
            return Soft - 40;
        var gap = surface - y;
        return gap < 14 ? value + (Soft - 40 - value) * (14 - gap) / 14 : value;
    }

    private static int Consolidation(int value, int x, int y, (int X, int Y, int R)[] blobs, int fine)
    {
        var added = 0;
        foreach (var (bx, by, r) in blobs)
        {
            var depth = PixelField.EllipseDepth(x, y, bx, by, r, r * 4 / 5);
            if (depth > 0)
                added = Math.Max(added, depth * 820 / 1024);
        }

        // Patchy: the fine noise lets aerated lobules show through the consolidated ones.
        return value + added * (fine + 256) / 1280;
    }

    /// <summary>Three to six overlapping patches in the lower or middle zone of one lung.</summary>
    private static (int X, int Y, int R)[] Blobs(PixelRandom rng, int halfWidth)
    {
        var side = rng.Chance(50) ? -1 : 1;
        var count = rng.Next(3, 7);
        var blobs = new (int, int, int)[count];
        for (var i = 0; i < count; i++)
        {
            var x = Mid + side * (LungOffset + rng.Next(-halfWidth / 2, halfWidth / 2));
            blobs[i] = (x, rng.Next(250, 345), rng.Next(20, 42));
        }

        return blobs;
    }
}
