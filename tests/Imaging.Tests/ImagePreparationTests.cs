namespace ClinicalAgent.Imaging.Tests;

public sealed class ImagePreparationTests
{
    [Fact]
    public void Squash_AWideImage_FillsTheWholeSquare()
    {
        var wide = Solid(200, 100, 90, 160, 30);

        var squashed = ImagePreparation.Squash(wide, 64);

        Assert.Equal((64, 64), (squashed.Width, squashed.Height));
        Assert.All(Enumerable.Range(0, 64 * 64), p => Assert.Equal(160, squashed.Rgb24[(p * 3) + 1]));
    }

    [Fact]
    public void Letterbox_AWideImage_KeepsItsAspectBetweenBlackBands()
    {
        var wide = Solid(200, 100, 90, 160, 30);

        var boxed = ImagePreparation.Letterbox(wide, 64);

        Assert.Equal((64, 64), (boxed.Width, boxed.Height));
        Assert.Equal([0, 0, 0], Pixel(boxed, 32, 2)); // top band: 64 × 100/200 = 32 rows of image, 16 black above
        Assert.Equal([0, 0, 0], Pixel(boxed, 32, 61));
        Assert.Equal([90, 160, 30], Pixel(boxed, 32, 32));
        Assert.Equal([90, 160, 30], Pixel(boxed, 0, 17));
    }

    [Fact]
    public void Letterbox_ATallImage_PadsLeftAndRight()
    {
        var tall = Solid(30, 90, 200, 10, 10);

        var boxed = ImagePreparation.Letterbox(tall, 90);

        Assert.Equal([0, 0, 0], Pixel(boxed, 5, 45));
        Assert.Equal([200, 10, 10], Pixel(boxed, 45, 45));
        Assert.Equal([0, 0, 0], Pixel(boxed, 85, 45));
    }

    private static ImagePixels Solid(int width, int height, byte r, byte g, byte b)
    {
        var rgb = new byte[width * height * 3];
        for (var p = 0; p < width * height; p++)
            (rgb[p * 3], rgb[(p * 3) + 1], rgb[(p * 3) + 2]) = (r, g, b);
        return new ImagePixels(width, height, rgb);
    }

    private static byte[] Pixel(ImagePixels image, int x, int y) => image.Rgb24.AsSpan(((y * image.Width) + x) * 3, 3).ToArray();
}
