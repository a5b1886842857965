using System.Buffers.Binary;
using System.Text;
using ClinicalAgent.Imaging.Writing;

namespace ClinicalAgent.Imaging.Tests.Writing;

public sealed class DicomPart10WriterTests
{
    [Fact]
    public void Write_Monochrome16_DcmdumpParsesEveryTagWithoutWarnings()
    {
        var image = DicomTestImages.With(DicomPixelData.Monochrome16(31, 17, DicomTestImages.Gradient(31, 17, 12), bitsStored: 12));

        var (exit, dump, error) = Dcmtk.Dump(DicomPart10Writer.Write(image));

        Assert.True(exit == 0, error);
        Assert.Equal("", error.Trim());
        Assert.Contains("(0002,0010) UI =LittleEndianExplicit", dump, StringComparison.Ordinal);
        Assert.Contains("(0010,0020) LO [S1234567]", dump, StringComparison.Ordinal);
        Assert.Contains("(0010,0010) PN [Doe^Jane]", dump, StringComparison.Ordinal);
        Assert.Contains("(0008,0020) DA [20231112]", dump, StringComparison.Ordinal);
        Assert.Contains("(0028,0010) US 17", dump, StringComparison.Ordinal);
        Assert.Contains("(0028,0011) US 31", dump, StringComparison.Ordinal);
        Assert.Contains("(0028,0101) US 12", dump, StringComparison.Ordinal);
        Assert.Contains($"(0020,000d) UI [{image.StudyInstanceUid}]", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Monochrome16_Dcm2pnmRendersTheStoredValues()
    {
        var values = DicomTestImages.Gradient(40, 9, 12);
        var image = DicomTestImages.With(DicomPixelData.Monochrome16(40, 9, values, bitsStored: 12));

        var (width, height, channels, samples) = Dcmtk.Render(DicomPart10Writer.Write(image), "+opn", "12");

        Assert.Equal((40, 9, 1), (width, height, channels));
        Assert.Equal(values.Select(v => (int)v), samples);
    }

    [Fact]
    public void Write_Signed16WithRescaleAndWindows_Dcm2pnmAppliesTheFirstWindowInRescaledUnits()
    {
        // Stored = HU + 1024: -1000 (air), 40 (soft tissue), 240 (window top) and 1000 (bone).
        short[] stored = [24, 1064, 1264, 2024];
        var image = DicomTestImages.With(DicomPixelData.Signed16(4, 1, stored), "CT", DicomImage.CtImageStorage) with
        {
            Rescale = (-1024m, 1m, "HU"),
            Windows = [new DicomWindow(40, 400, "MEDIASTINUM"), new DicomWindow(-600, 1500, "LUNG")],
            Plane = new DicomPlane(0.7m, 5m, -120m, DicomUid.FromName("frame")),
        };

        var (_, _, _, samples) = Dcmtk.Render(DicomPart10Writer.Write(image), "+Wi", "1", "+opb");

        Assert.Equal(0, samples[0]);
        Assert.InRange(samples[1], 126, 129);
        Assert.InRange(samples[2], 253, 255);
        Assert.Equal(255, samples[3]);
    }

    [Fact]
    public void Write_Rgb_Dcm2pnmRendersTheSameColours()
    {
        var rgb = Enumerable.Range(0, 6 * 5 * 3).Select(i => (byte)(i * 37)).ToArray();
        var image = DicomTestImages.With(DicomPixelData.Rgb(new ImagePixels(6, 5, rgb)), "XC", DicomImage.SecondaryCaptureStorage);

        var (width, height, channels, samples) = Dcmtk.Render(DicomPart10Writer.Write(image), "+opb");

        Assert.Equal((6, 5, 3), (width, height, channels));
        Assert.Equal(rgb.Select(b => (int)b), samples);
    }

    [Fact]
    public void Write_Preamble_IsFollowedByDicmAndAMetaGroupLengthCoveringTheMetaHeader()
    {
        var bytes = DicomPart10Writer.Write(DicomTestImages.With(DicomPixelData.Monochrome8(3, 3, new byte[9])));

        Assert.All(bytes[..128], b => Assert.Equal(0, b));
        Assert.Equal("DICM", Encoding.ASCII.GetString(bytes, 128, 4));
        Assert.Equal((ushort)0x0002, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(132)));
        Assert.Equal("UL", Encoding.ASCII.GetString(bytes, 136, 2));
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        var afterMeta = 144 + (int)groupLength;
        Assert.Equal((ushort)0x0008, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(afterMeta)));
        var position = 144;
        while (position < afterMeta)
        {
            Assert.Equal((ushort)0x0002, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position)));
            var vr = Encoding.ASCII.GetString(bytes, position + 4, 2);
            position += vr == "OB"
                ? 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8))
                : 8 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 6));
        }

        Assert.Equal(afterMeta, position);
    }

    [Fact]
    public void Write_OddLengthValues_ArePaddedToEvenLengthWithTheVrsPadCharacter()
    {
        var image = DicomTestImages.With(DicomPixelData.Monochrome8(3, 1, [1, 2, 3])) with { PatientId = "ABC" };

        var bytes = DicomPart10Writer.Write(image);

        var at = IndexOf(bytes, [0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O']);
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 6)));
        Assert.Equal("ABC ", Encoding.ASCII.GetString(bytes, at + 8, 4));
        var pixels = IndexOf(bytes, [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B']);
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pixels + 8)));
        Assert.Equal(bytes.Length, pixels + 12 + 4);
    }

    [Fact]
    public void Write_NonAsciiName_IsRefusedWithTheTagNamed()
    {
        var image = DicomTestImages.With(DicomPixelData.Monochrome8(1, 1, [0])) with { PatientName = "Müller^Anna" };

        var error = Assert.Throws<ArgumentException>(() => DicomPart10Writer.Write(image));

        Assert.Contains("(0010,0010)", error.Message, StringComparison.Ordinal);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }

        throw new InvalidOperationException("Not found.");
    }
}
