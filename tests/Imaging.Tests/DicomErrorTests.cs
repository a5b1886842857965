using ClinicalAgent.Imaging.Tests.Support;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>What the reader cannot decode fails with one line that names what and why.</summary>
public sealed class DicomErrorTests : IDisposable
{
    private readonly DicomWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(Syntax.JpegLs, "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)")]
    [InlineData(Syntax.BigEndian, "Explicit VR Big Endian (retired) (1.2.840.10008.1.2.2)")]
    public void Decode_AnUnsupportedTransferSyntax_NamesIt(Syntax syntax, string named)
    {
        var file = _workspace.Write(TestImage.Gray8(), syntax);

        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode(File.ReadAllBytes(file)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Decode_AFrameNumberPastTheLast_SaysHowManyThereAre()
    {
        var file = _workspace.Write(TestImage.Gray8(frames: 2));

        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode(File.ReadAllBytes(file), frame: 3));

        Assert.Contains("2 frames; frame 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Syntax.Explicit)]
    [InlineData(Syntax.Rle)]
    [InlineData(Syntax.JpegBaseline)]
    [InlineData(Syntax.JpegLossless)]
    [InlineData(Syntax.Jpeg2000Lossless)]
    public void Decode_AFileCutShort_FailsAsMalformed(Syntax syntax)
    {
        var bytes = File.ReadAllBytes(_workspace.Write(TestImage.Ct(), syntax));

        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode(bytes[..(bytes.Length * 2 / 3)]));

        Assert.Contains("Malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AFileWithoutPixelData_SaysItIsNoImage()
    {
        var file = _workspace.Write(TestImage.Gray8());
        var stripped = Path.Combine(_workspace.Folder, "nopixels.dcm");
        File.Copy(file, stripped);
        DicomTools.Run("dcmodify", _workspace.Folder, "-nb", "-ea", "(7fe0,0010)", stripped);

        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode(File.ReadAllBytes(stripped)));

        Assert.Contains("no pixel data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BytesCalledDicomThatAreNot_FailsAsNotDicom()
    {
        var error = Assert.Throws<ImageDecodeException>(() => MedicalImageDecoder.Decode("hello, this is not DICOM"u8.ToArray(), "application/dicom"));

        Assert.Contains("Not a DICOM file", error.Message, StringComparison.Ordinal);
    }
}
