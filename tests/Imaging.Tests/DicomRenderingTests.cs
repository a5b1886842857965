using ClinicalAgent.Imaging.Tests.Support;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>Our rendering of files dcmtk/gdcm wrote, against dcmtk's rendering (dcm2pnm) of the same files.</summary>
public sealed class DicomRenderingTests : IDisposable
{
    private static readonly PixelDifference Identical = new(0, 0, 0);
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
    public void Decode_SignedCtInALosslessSyntaxWithoutWindow_EqualsDcm2pnmMinMax(Syntax syntax)
    {
        var file = _workspace.Write(TestImage.Ct() with { Intercept = -1024, Slope = 1 }, syntax);
        var expected = _workspace.Reference(file, "+Wm");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        Assert.Equal(Identical, PixelDifference.Between(actual, expected));
    }

    [Theory]
    [InlineData(Syntax.Explicit)]
    [InlineData(Syntax.Rle)]
    [InlineData(Syntax.JpegLossless)]
    public void Decode_CtWithRescaleAndTheFilesSoftTissueWindow_EqualsDcm2pnmWithThatWindow(Syntax syntax)
    {
        var file = _workspace.Write(TestImage.Ct() with { Slope = 2, Intercept = -1024, Window = (40, 400) }, syntax);
        var expected = _workspace.Reference(file, "+Ww", "40", "400");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file), "application/dicom");

        Assert.Equal(Identical, PixelDifference.Between(actual, expected));
        Assert.Contains(actual.Rgb24, b => b == 0);
        Assert.Contains(actual.Rgb24, b => b == 255);
    }

    [Theory]
    [InlineData(Syntax.Explicit)]
    [InlineData(Syntax.Rle)]
    [InlineData(Syntax.JpegLossless)]
    public void Decode_Monochrome1_IsInvertedAsDcm2pnmShowsIt(Syntax syntax)
    {
        var image = TestImage.Gray8(photometric: "MONOCHROME1");
        var file = _workspace.Write(image, syntax);
        var expected = _workspace.Reference(file, "+Wm");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        Assert.Equal(Identical, PixelDifference.Between(actual, expected));
        Assert.Equal(255 - image.Pixels[0], actual.Rgb24[0]);
    }

    [Theory]
    [InlineData(false, Syntax.Explicit)]
    [InlineData(true, Syntax.Explicit)]
    [InlineData(false, Syntax.Rle)]
    [InlineData(true, Syntax.Rle)]
    [InlineData(false, Syntax.JpegLossless)]
    [InlineData(false, Syntax.Jpeg2000Lossless)]
    public void Decode_RgbInterleavedOrPlanar_EqualsDcm2pnm(bool planar, Syntax syntax)
    {
        var file = _workspace.Write(TestImage.Rgb(planar: planar), syntax);
        var expected = _workspace.Reference(file);

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        Assert.Equal(Identical, PixelDifference.Between(actual, expected));
    }

    [Fact]
    // dcmtk centres chroma at 127.5 and truncates; we follow PS3.3 C.7.6.3.1.2 (128) and round: within 2.
    public void Decode_NativeYbrFull_ConvertsToRgbWithinTwoOfDcm2pnm()
    {
        var file = _workspace.Write(TestImage.Rgb(photometric: "YBR_FULL"));
        var expected = _workspace.Reference(file);

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        var difference = PixelDifference.Between(actual, expected);
        Assert.True(difference.Max <= 2 && difference.Mean < 1, $"YBR_FULL differs from dcm2pnm by {difference}");
    }

    [Theory]
    [InlineData(Syntax.Explicit)]
    [InlineData(Syntax.Rle)]
    [InlineData(Syntax.JpegLossless)]
    [InlineData(Syntax.Jpeg2000Lossless)]
    public void Decode_MultiFrameWithAFrameNumber_EqualsThatFrameOfDcm2pnm(Syntax syntax)
    {
        var file = _workspace.Write(TestImage.Gray8(frames: 4), syntax);
        var expected = _workspace.Reference(file, "+Wm", "+F", "4");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file), frame: 4);

        Assert.Equal(Identical, PixelDifference.Between(actual, expected));
    }

    [Fact]
    public void Decode_MultiFrameCtWithoutAFrameNumber_ShowsTheMiddleSlice()
    {
        var file = _workspace.Write(TestImage.Ct(frames: 5) with { Intercept = -1024, Slope = 1 }, Syntax.JpegLossless);
        var middle = _workspace.Reference(file, "+Wm", "+F", "3");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        Assert.Equal(Identical, PixelDifference.Between(actual, middle));
    }

    [Theory]
    [InlineData(Syntax.JpegBaseline, false)]
    [InlineData(Syntax.JpegBaseline, true)]
    [InlineData(Syntax.Jpeg2000, false)]
    [InlineData(Syntax.Jpeg2000, true)]
    public void Decode_LossyGrayOrColour_IsCloseToDcm2pnm(Syntax syntax, bool colour)
    {
        var file = _workspace.Write(colour ? TestImage.Rgb() : TestImage.Gray8(), syntax);
        var expected = _workspace.Reference(file, "+Wm");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        var difference = PixelDifference.Between(actual, expected);
        Assert.True(difference.Mean < 1.5 && difference.Max <= 16, $"{syntax} differs from dcm2pnm by {difference}");
    }

    [Fact]
    public void Decode_TwelveBitJpegExtended_IsCloseToDcm2pnm()
    {
        var file = _workspace.Write(TestImage.Gray12(), Syntax.JpegExtended);
        var expected = _workspace.Reference(file, "+Wm");

        var actual = MedicalImageDecoder.Decode(File.ReadAllBytes(file));

        var difference = PixelDifference.Between(actual, expected);
        Assert.True(difference.Mean < 1.5 && difference.Max <= 16, $"JPEG extended differs from dcm2pnm by {difference}");
    }
}
