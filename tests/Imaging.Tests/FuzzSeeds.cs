using ClinicalAgent.Imaging.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>Valid images of every kind the decoder reads, made once for the fuzz tests: dcmtk/gdcm files of each syntax, PNG and JPEG.</summary>
public sealed class FuzzSeeds : IDisposable
{
    private readonly DicomWorkspace _workspace = new();

    public FuzzSeeds()
    {
        var small = TestImage.Ct(24, 20) with { Intercept = -1024, Slope = 1, Window = (40, 400) };
        var sequence = "(0008,1140) SQ (Sequence with undefined length #=1)\n  (fffe,e000) na (Item with undefined length #=1)\n    (0008,1155) UI [1.2.3]\n  (fffe,e00d) na (ItemDelimitationItem)\n(fffe,e0dd) na (SequenceDelimitationItem)\n";
        var dicom = new List<byte[]>();
        foreach (var syntax in new[] { Syntax.Explicit, Syntax.Implicit, Syntax.Deflated, Syntax.Rle, Syntax.JpegLossless, Syntax.Jpeg2000Lossless })
            dicom.Add(File.ReadAllBytes(_workspace.Write(small with { Extra = sequence }, syntax, "-e")));
        dicom.Add(File.ReadAllBytes(_workspace.Write(TestImage.Gray8(16, 16, frames: 3), Syntax.JpegBaseline)));
        dicom.Add(File.ReadAllBytes(_workspace.Write(TestImage.Rgb(16, 12, planar: true), Syntax.Rle)));
        dicom.Add(File.ReadAllBytes(_workspace.Write(TestImage.Gray12(16, 16), Syntax.JpegExtended)));
        Dicom = dicom;
        using var image = Image.LoadPixelData<Rgb24>(TestImage.Rgb(16, 12).Pixels, 16, 12);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        using var jpeg = new MemoryStream();
        image.SaveAsJpeg(jpeg);
        Raster = [png.ToArray(), jpeg.ToArray()];
    }

    public IReadOnlyList<byte[]> Dicom { get; }

    public IReadOnlyList<byte[]> Raster { get; }

    public void Dispose() => _workspace.Dispose();
}
