using ClinicalAgent.Imaging.Synthetic;

namespace ClinicalAgent.Imaging.Tests.Synthetic;

public sealed class ChestRadiographRendererTests
{
    private const int Size = ChestRadiographRenderer.Size;

    [Fact]
    public void Render_SameFindingAndSeed_GivesTheSamePixels()
    {
        var first = ChestRadiographRenderer.Render(ChestFinding.Pneumonia, 42);

        var again = ChestRadiographRenderer.Render(ChestFinding.Pneumonia, 42);
        var other = ChestRadiographRenderer.Render(ChestFinding.Pneumonia, 43);

        Assert.Equal(first.Pixels, again.Pixels);
        Assert.NotEqual(first.Pixels, other.Pixels);
        Assert.All(first.Pixels, v => Assert.InRange(v, 0, 4095));
    }

    [Theory]
    [InlineData(ChestFinding.Cardiomegaly, 0.5, 0.7)]
    [InlineData(ChestFinding.None, 0.3, 0.5)]
    [InlineData(ChestFinding.PleuralEffusion, 0.3, 0.5)]
    public void Render_AnySeed_DrawsTheCardiothoracicRatioOfTheFinding(ChestFinding finding, double low, double high)
    {
        var ratios = Enumerable.Range(0, 12).Select(seed => ChestRadiographRenderer.Render(finding, (ulong)seed).CardiothoracicRatio).ToList();

        Assert.All(ratios, r => Assert.InRange(r, low, high));
    }

    [Fact]
    public void Render_Cardiomegaly_ShowsSoftTissueWhereANormalHeartLeavesLung()
    {
        // Left of the normal heart's border, in the left lower zone (image right).
        var normal = ChestRadiographRenderer.Render(ChestFinding.None, 5);
        var large = ChestRadiographRenderer.Render(ChestFinding.Cardiomegaly, 5);

        var normalMean = Mean(normal.Pixels, 368, 318, 10);
        var largeMean = Mean(large.Pixels, 368, 318, 10);

        Assert.True(largeMean > normalMean + 500, $"{largeMean} vs {normalMean}");
    }

    [Fact]
    public void Render_Normal_LungFieldsAreDarkerThanMediastinumAndAbdomen()
    {
        var image = ChestRadiographRenderer.Render(ChestFinding.None, 9);

        var rightLung = Mean(image.Pixels, 150, 200, 12);
        var leftLung = Mean(image.Pixels, 362, 200, 12);
        var mediastinum = Mean(image.Pixels, 256, 250, 8);
        var abdomen = Mean(image.Pixels, 200, 470, 12);
        var outside = Mean(image.Pixels, 8, 8, 4);

        Assert.True(rightLung < mediastinum - 600 && leftLung < mediastinum - 600, $"{rightLung}, {leftLung} vs {mediastinum}");
        Assert.True(rightLung < abdomen - 500, $"{rightLung} vs {abdomen}");
        Assert.True(outside < rightLung, $"{outside} vs {rightLung}");
    }

    [Fact]
    public void Render_Effusion_FillsTheCostophrenicAngleOfTheAffectedSide()
    {
        var seed = Enumerable.Range(0, 50).Select(s => (ulong)s).First(s => ChestRadiographRenderer.Render(ChestFinding.PleuralEffusion, s).EffusionSides == -1);
        var effusion = ChestRadiographRenderer.Render(ChestFinding.PleuralEffusion, seed);
        var normal = ChestRadiographRenderer.Render(ChestFinding.None, seed);

        // The right costophrenic angle (image left, low and lateral) and the right mid zone.
        var angle = Mean(effusion.Pixels, 110, 350, 8) - Mean(normal.Pixels, 110, 350, 8);
        var apex = Mean(effusion.Pixels, 150, 150, 10) - Mean(normal.Pixels, 150, 150, 10);

        Assert.True(angle > 600, $"angle brightened by {angle}");
        Assert.InRange(apex, -80, 80);
    }

    [Fact]
    public void Render_Pneumonia_AddsOpacityInsideALung()
    {
        var pneumonia = ChestRadiographRenderer.Render(ChestFinding.Pneumonia, 3);
        var normal = ChestRadiographRenderer.Render(ChestFinding.None, 3);

        var brighter = Enumerable.Range(0, Size * Size).Count(i => pneumonia.Pixels[i] > normal.Pixels[i] + 250);

        Assert.InRange(brighter, 1500, 60000);
    }

    [Fact]
    public void Render_FixedSeed_GivesTheBytesItGaveWhenWritten()
    {
        // Guards determinism across machines: integer arithmetic only, so this hash holds on every CPU.
        var image = ChestRadiographRenderer.Render(ChestFinding.PleuralEffusion, 20231113);

        Assert.Equal("00F2C72F5D73D31F", ImageHashes.Of(image.Pixels));
    }

    private static double Mean(ushort[] pixels, int cx, int cy, int half)
    {
        double sum = 0;
        var count = 0;
        for (var y = cy - half; y <= cy + half; y++)
        {
            for (var x = cx - half; x <= cx + half; x++)
            {
                sum += pixels[y * Size + x];
                count++;
            }
        }

        return sum / count;
    }
}
