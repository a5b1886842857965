using ClinicalAgent.Imaging.Synthetic;

namespace ClinicalAgent.Imaging.Tests.Synthetic;

public sealed class SkinPhotographRendererTests
{
    [Fact]
    public void Render_Nevus_IsRoundUniformAndDarkerThanTheSkin()
    {
        var photo = SkinPhotographRenderer.Render(SkinLesion.BenignNevus, 12);

        var (lesionMean, lesionSpread) = Stats(photo, photo.CentreX, photo.CentreY, photo.MinRadius / 2);
        var (skinMean, _) = Stats(photo, 20, 20, 10);

        Assert.True(photo.MaxRadius - photo.MinRadius <= photo.MinRadius / 10, $"{photo.MinRadius}..{photo.MaxRadius}");
        Assert.True(lesionMean < skinMean - 60, $"{lesionMean} vs {skinMean}");
        Assert.True(lesionSpread < 6, $"spread {lesionSpread}");
    }

    [Fact]
    public void Render_Suspicious_HasAnIrregularBorderAndSeveralColours()
    {
        var photos = Enumerable.Range(0, 8).Select(seed => SkinPhotographRenderer.Render(SkinLesion.MelanomaSuspicious, (ulong)seed)).ToList();

        Assert.All(photos, photo =>
        {
            var (_, spread) = Stats(photo, photo.CentreX, photo.CentreY, photo.MinRadius / 2);
            Assert.True(photo.MaxRadius - photo.MinRadius > photo.MinRadius / 4, $"{photo.MinRadius}..{photo.MaxRadius}");
            Assert.True(spread > 10, $"spread {spread}");
        });
    }

    [Fact]
    public void Render_SameSeed_GivesTheSamePixelsAndTheBytesItGaveWhenWritten()
    {
        var photo = SkinPhotographRenderer.Render(SkinLesion.MelanomaSuspicious, 20231113);

        var png = PngEncoding.Encode(photo.Pixels);

        Assert.Equal(SkinPhotographRenderer.Render(SkinLesion.MelanomaSuspicious, 20231113).Pixels.Rgb24, photo.Pixels.Rgb24);
        Assert.Equal("000300282CEE5034", ImageHashes.Of(photo.Pixels.Rgb24));
        Assert.Equal(photo.Pixels.Rgb24, MedicalImageDecoder.Decode(png, "image/png").Rgb24);
    }

    /// <summary>Mean luminance and its standard deviation in a square around a point.</summary>
    private static (double Mean, double Spread) Stats(SkinPhotograph photo, int cx, int cy, int half)
    {
        var values = new List<double>();
        var rgb = photo.Pixels.Rgb24;
        for (var y = cy - half; y <= cy + half; y++)
        {
            for (var x = cx - half; x <= cx + half; x++)
            {
                var i = 3 * (y * photo.Pixels.Width + x);
                values.Add((rgb[i] * 299 + rgb[i + 1] * 587 + rgb[i + 2] * 114) / 1000.0);
            }
        }

        var mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }
}
