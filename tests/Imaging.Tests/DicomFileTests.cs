using ClinicalAgent.Imaging.Dicom;
using ClinicalAgent.Imaging.Tests.Support;

namespace ClinicalAgent.Imaging.Tests;

public sealed class DicomFileTests : IDisposable
{
    private const string Sequence = """
        (0008,1140) SQ (Sequence with undefined length #=2)
          (fffe,e000) na (Item with undefined length #=2)
            (0008,1150) UI =CTImageStorage
            (0008,1155) UI [1.2.3.4.5]
          (fffe,e00d) na (ItemDelimitationItem)
          (fffe,e000) na (Item with undefined length #=2)
            (0008,1150) UI =CTImageStorage
            (0008,1155) UI [1.2.3.4.6]
          (fffe,e00d) na (ItemDelimitationItem)
        (fffe,e0dd) na (SequenceDelimitationItem)

        """;

    private readonly DicomWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(Syntax.Explicit, "1.2.840.10008.1.2.1")]
    [InlineData(Syntax.Implicit, "1.2.840.10008.1.2")]
    [InlineData(Syntax.Deflated, "1.2.840.10008.1.2.1.99")]
    [InlineData(Syntax.Rle, "1.2.840.10008.1.2.5")]
    [InlineData(Syntax.JpegLossless, "1.2.840.10008.1.2.4.57")]
    public void Read_AFileInEachEncoding_GivesTheIdentifyingAttributes(Syntax syntax, string transferSyntax)
    {
        var image = TestImage.Gray8() with { Modality = "DX", PatientId = "S42", SeriesNumber = 3, InstanceNumber = 7 };
        var path = _workspace.Write(image, syntax);

        var file = DicomFile.Read(File.ReadAllBytes(path));

        var d = file.Dataset;
        Assert.Equal(transferSyntax, file.TransferSyntaxUid);
        Assert.Equal((image.StudyUid, image.SeriesUid, image.SopUid), (d.StudyInstanceUid, d.SeriesInstanceUid, d.SopInstanceUid));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", d.SopClassUid);
        Assert.Equal(("DX", "S42", "Doe^Jane", "CHEST"), (d.Modality, d.PatientId, d.PatientName, d.BodyPartExamined));
        Assert.Equal(("20240305", "101530"), (d.StudyDate, d.StudyTime));
        Assert.Equal((3, 7, 56, 72, 1), (d.SeriesNumber, d.InstanceNumber, d.Rows, d.Columns, d.NumberOfFrames));
    }

    [Theory]
    [InlineData(Syntax.Explicit, false)]
    [InlineData(Syntax.Explicit, true)]
    [InlineData(Syntax.Implicit, false)]
    [InlineData(Syntax.Implicit, true)]
    [InlineData(Syntax.Deflated, true)]
    public void Read_ASequenceOfDefinedOrUndefinedLength_GivesItsItems(Syntax syntax, bool undefinedLengths)
    {
        var image = TestImage.Gray8() with { Extra = Sequence };
        var path = _workspace.Write(image, syntax, undefinedLengths ? ["-e"] : []);

        var file = DicomFile.Read(File.ReadAllBytes(path));

        var items = file.Dataset.GetSequence(new DicomTag(0x0008, 0x1140));
        Assert.Equal(["1.2.3.4.5", "1.2.3.4.6"], items.Select(i => i.GetString(new DicomTag(0x0008, 0x1155))));
        Assert.Equal(image.SopUid, file.Dataset.SopInstanceUid); // parsing went on after the sequence
    }

    [Fact]
    public void Read_MultiValuedDecimalStrings_GivesEveryValue()
    {
        var image = TestImage.Ct() with { Extra = "(0028,0030) DS [0.703125\\0.65]\n(0020,0032) DS [-125.5\\-80\\12.25]\n" };
        var path = _workspace.Write(image);

        var dataset = DicomFile.Read(File.ReadAllBytes(path)).Dataset;

        Assert.Equal([0.703125, 0.65], dataset.GetDoubles(new DicomTag(0x0028, 0x0030)));
        Assert.Equal([-125.5, -80, 12.25], dataset.GetDoubles(new DicomTag(0x0020, 0x0032)));
    }

    [Theory]
    [InlineData("+ti")]
    [InlineData("+te")]
    public void Read_ALegacyDatasetWithoutPreambleOrMeta_IsDetectedAndDecoded(string encoding)
    {
        var image = TestImage.Gray8();
        var part10 = _workspace.Write(image);
        var legacy = Path.Combine(_workspace.Folder, "legacy.dcm");
        DicomTools.Run("dcmconv", _workspace.Folder, "-F", encoding, part10, legacy);
        var bytes = File.ReadAllBytes(legacy);

        var file = DicomFile.Read(bytes);
        var pixels = MedicalImageDecoder.Decode(bytes);

        Assert.False(file.HasPreamble);
        Assert.True(DicomFile.LooksLikeDicom(bytes));
        Assert.Equal(encoding == "+ti" ? "1.2.840.10008.1.2" : "1.2.840.10008.1.2.1", file.TransferSyntaxUid);
        Assert.Equal(image.SopUid, file.Dataset.SopInstanceUid);
        Assert.Equal(PixelDifference.Between(MedicalImageDecoder.Decode(File.ReadAllBytes(part10)), pixels), new PixelDifference(0, 0, 0));
    }

    [Fact]
    public void LooksLikeDicom_OfPngBytes_IsFalse()
    {
        var png = PngEncoding.Encode(new ImagePixels(2, 2, new byte[12]));

        Assert.False(DicomFile.LooksLikeDicom(png));
    }
}
