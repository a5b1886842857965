using ClinicalAgent.Imaging.Tests.Support;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>Our rendering of files dcmtk/gdcm wrote, against dcm2pnm's rendering of the same files.</summary>
public sealed class DicomRenderingTests : IDisposable
{
    private readonly DicomWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(Syntax.Explicit)]
    [InlineData(Syntax.Implicit)]
    [InlineData(Syntax.Deflated)]
    [InlineData(Syntax.Rle)]
    [InlineData(Syntax.JpegLossless)]
    [InlineData(Syntax.JpegLosslessSv1)]
    [InlineData(Syntax.Jpeg2000Lossless)]
    public void Decode_SignedCtInALosslessSyntaxWithMinMaxWindow_EqualsDcm2pnm(Syntax syntax)
    {
        var file = _workspace.Write(TestImage.Ct() with { Intercept = -1024, Slope = 1 }, syntax);
        var expected = _workspace.Reference(file, "+Wm");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        Assert.Equal(new PixelDifference(0, 0, 0), PixelDifference.Between(actual, expected));
    }
}
