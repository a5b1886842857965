using ClinicalAgent.Imaging;

namespace ClinicalAgent.Imaging.Tests;

public sealed class PngEncodingTests
{
    [Fact]
    public void Encode_ThenDecode_GivesTheSamePixels()
    {
        var rgb = Enumerable.Range(0, 5 * 3 * 3).Select(i => (byte)(i * 17)).ToArray();
        var pixels = new ImagePixels(5, 3, rgb);

        var decoded = MedicalImageDecoder.Decode(PngEncoding.Encode(pixels), "image/png");

        Assert.Equal((5, 3), (decoded.Width, decoded.Height));
        Assert.Equal(rgb, decoded.Rgb24);
    }

    [Fact]
    public void Decode_OfBytesThatAreNoImage_ThrowsADecodeErrorNamingTheType()
    {
        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode("not an image"u8.ToArray(), "image/png"));

        Assert.Contains("image/png", error.Message, StringComparison.Ordinal);
    }
}
