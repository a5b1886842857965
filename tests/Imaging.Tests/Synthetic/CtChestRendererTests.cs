using ClinicalAgent.Imaging.Synthetic;

namespace ClinicalAgent.Imaging.Tests.Synthetic;

public sealed class CtChestRendererTests
{
    private const int Size = CtChestRenderer.Size;

    [Fact]
    public void Render_EveryLevel_HasAirOutsideLungsInsideAndBoneAtTheSpine()
    {
        var slices = Enumerable.Range(0, CtChestRenderer.Levels).Select(level => CtChestRenderer.Render(ChestFinding.None, 8, level)).ToList();

        Assert.All(slices, slice =>
        {
            Assert.InRange(Mean(slice.Hounsfield, 4, 4, 3), -1020, -980);
            Assert.InRange(Mean(slice.Hounsfield, 128 - 52, 120, 5), -950, -700);
            Assert.InRange(Mean(slice.Hounsfield, 128, 180, 2), 250, 1000);
        });
    }

    [Fact]
    public void Render_Cardiomegaly_PutsSoftTissueWhereANormalHeartLeavesLung()
    {
        var normal = CtChestRenderer.Render(ChestFinding.None, 4, 2);
        var large = CtChestRenderer.Render(ChestFinding.Cardiomegaly, 4, 2);

        var at = (X: 128 + 10 + 50, Y: 132 - 14);

        Assert.True(Mean(normal.Hounsfield, at.X, at.Y, 2) < -600);
        Assert.InRange(Mean(large.Hounsfield, at.X, at.Y, 2), -20, 80);
    }

    [Fact]
    public void Render_Effusion_AddsFluidDensityAtTheBackOfOneLung()
    {
        var normal = CtChestRenderer.Render(ChestFinding.None, 6, 2);
        var effusion = CtChestRenderer.Render(ChestFinding.PleuralEffusion, 6, 2);

        var fluid = Enumerable.Range(0, Size * Size).Count(i => normal.Hounsfield[i] < -600 && effusion.Hounsfield[i] is > -30 and < 50);

        Assert.InRange(fluid, 300, 6000);
    }

    [Fact]
    public void Render_SameSeed_GivesTheSameSlicesAndTheBytesItGaveWhenWritten()
    {
        var slice = CtChestRenderer.Render(ChestFinding.Pneumonia, 20231113, 1);

        var again = CtChestRenderer.Render(ChestFinding.Pneumonia, 20231113, 1);

        Assert.Equal(slice.Hounsfield, again.Hounsfield);
        Assert.Equal("4107D44261967E76", ImageHashes.Of(slice.Hounsfield));
    }

    [Fact]
    public void Render_LevelOutOfRange_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CtChestRenderer.Render(ChestFinding.None, 1, CtChestRenderer.Levels));
    }

    private static double Mean(short[] values, int cx, int cy, int half)
    {
        double sum = 0;
        var count = 0;
        for (var y = cy - half; y <= cy + half; y++)
        {
            for (var x = cx - half; x <= cx + half; x++)
            {
                sum += values[y * Size + x];
                count++;
            }
        }

        return sum / count;
    }
}
