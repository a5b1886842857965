namespace ClinicalAgent.Imaging.Tests.Support;

/// <summary>How far two renderings of the same image are apart, per RGB byte.</summary>
internal sealed record PixelDifference(int Max, double Mean, int Differing)
{
    public static PixelDifference Between(ImagePixels a, ImagePixels b)
    {
        if ((a.Width, a.Height) != (b.Width, b.Height))
            throw new InvalidOperationException($"Sizes differ: {a.Width}×{a.Height} and {b.Width}×{b.Height}.");
        int max = 0, differing = 0;
        long sum = 0;
        for (var i = 0; i < a.Rgb24.Length; i++)
        {
            var d = Math.Abs(a.Rgb24[i] - b.Rgb24[i]);
            max = Math.Max(max, d);
            sum += d;
            differing += d > 0 ? 1 : 0;
        }

        return new PixelDifference(max, (double)sum / a.Rgb24.Length, differing);
    }
}
