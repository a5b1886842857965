using ClinicalAgent.Imaging.Codecs;
using ClinicalAgent.Imaging.Dicom;

namespace ClinicalAgent.Imaging.Rendering;

/// <summary>One frame of a DICOM image to display pixels: frame choice, decoding, then grayscale or colour rendering.</summary>
internal static class DicomRenderer
{
    /// <param name="file">The file read.</param>
    /// <param name="frame">1-based frame number; null: the middle frame (a CT or MR stack's middle slice).</param>
    public static ImagePixels Render(DicomFile file, int? frame)
    {
        var m = PixelModule.From(file.Dataset);
        var number = frame ?? ((m.Frames / 2) + 1);
        if (number < 1 || number > m.Frames)
            throw new ImageDecodeException($"The DICOM image has {m.Frames} frame{(m.Frames == 1 ? "" : "s")}; frame {number} does not exist.");
        var decoded = FrameReader.Read(file, m, number - 1);
        return m.SamplesPerPixel == 1 ? MonochromeRenderer.Render(decoded, m) : ColorRenderer.Render(decoded, m);
    }
}
