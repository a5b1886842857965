using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClinicalAgent.Imaging.Tests.Support;

/// <summary>A temporary folder where a test writes its DICOM files with dcmtk/gdcm and renders them with dcm2pnm.</summary>
internal sealed class DicomWorkspace : IDisposable
{
    private int _counter;

    public string Folder { get; } = Directory.CreateTempSubdirectory("imaging-tests-").FullName;

    /// <summary>The image as explicit VR little endian Part 10 (dump2dcm), then converted by <paramref name="convert"/>.</summary>
    public string Write(TestImage image, Syntax syntax = Syntax.Explicit, params string[] dump2dcmOptions)
    {
        var name = $"i{++_counter}";
        File.WriteAllBytes(Path.Combine(Folder, name + ".raw"), image.Pixels);
        File.WriteAllText(Path.Combine(Folder, name + ".dump"), image.Dump(name + ".raw"));
        var source = name + ".dcm";
        DicomTools.Run("dump2dcm", Folder, [.. dump2dcmOptions, "+te", name + ".dump", source]);
        return Path.Combine(Folder, Convert(source, syntax));
    }

    public string Convert(string source, Syntax syntax)
    {
        var target = Path.GetFileNameWithoutExtension(source) + "-" + syntax.ToString().ToLowerInvariant() + ".dcm";
        switch (syntax)
        {
            case Syntax.Explicit:
                return source;
            case Syntax.Implicit:
                DicomTools.Run("dcmconv", Folder, "+ti", source, target);
                break;
            case Syntax.Deflated:
                DicomTools.Run("dcmconv", Folder, "+td", source, target);
                break;
            case Syntax.BigEndian:
                DicomTools.Run("dcmconv", Folder, "+tb", source, target);
                break;
            case Syntax.Rle:
                DicomTools.Run("dcmcrle", Folder, source, target);
                break;
            case Syntax.JpegBaseline:
                DicomTools.Run("dcmcjpeg", Folder, "+eb", source, target);
                break;
            case Syntax.JpegExtended:
                DicomTools.Run("dcmcjpeg", Folder, "+ee", source, target);
                break;
            case Syntax.JpegLossless:
                DicomTools.Run("dcmcjpeg", Folder, "+el", source, target);
                break;
            case Syntax.JpegLosslessSv1:
                DicomTools.Run("dcmcjpeg", Folder, "+e1", source, target);
                break;
            case Syntax.JpegLs:
                DicomTools.Run("dcmcjpls", Folder, source, target);
                break;
            case Syntax.Jpeg2000Lossless:
                DicomTools.Run("gdcmconv", Folder, "--j2k", source, target);
                break;
            case Syntax.Jpeg2000:
                DicomTools.Run("gdcmconv", Folder, "--j2k", "--lossy", "-q", "45", source, target);
                break;
        }

        return target;
    }

    /// <summary>dcm2pnm's rendering of a file (PNG), with its options (<c>+Wm</c>, <c>+Ww c w</c>, <c>+F n</c>).</summary>
    public ImagePixels Reference(string file, params string[] options)
    {
        var png = Path.Combine(Folder, $"ref{++_counter}.png");
        // dcmtk 3.6 has no JPEG 2000 codec: gdcm decompresses those first. dcmj2pnm is dcm2pnm with dcmtk's JPEG and RLE codecs.
        if (File.ReadAllText(file, System.Text.Encoding.Latin1).Contains("1.2.840.10008.1.2.4.9", StringComparison.Ordinal))
        {
            var raw = Path.Combine(Folder, $"raw{_counter}.dcm");
            DicomTools.Run("gdcmconv", Folder, "--raw", file, raw);
            file = raw;
        }

        DicomTools.Run("dcmj2pnm", Folder, [.. options, "+on", file, png]);
        using var image = Image.Load<Rgb24>(png);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new ImagePixels(image.Width, image.Height, rgb);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
