using ClinicalAgent.Imaging.Dicom;

namespace ClinicalAgent.Imaging.Rendering;

/// <summary>The Image Pixel module (PS3.3 C.7.6.3) and the modality/VOI attributes rendering needs, checked.</summary>
internal sealed record PixelModule(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    string Photometric,
    bool Planar,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool Signed,
    int Frames,
    double Slope,
    double Intercept,
    double? WindowCenter,
    double? WindowWidth,
    string VoiFunction,
    string? Modality)
{
    public int PixelCount => Rows * Columns;

    public int BytesPerSample => BitsAllocated / 8;

    /// <summary>Bytes of one uncompressed frame (YBR_FULL_422 holds two chroma samples per two pixels).</summary>
    public long FrameBytes => Photometric == "YBR_FULL_422"
        ? (long)PixelCount * 2 * BytesPerSample
        : (long)PixelCount * SamplesPerPixel * BytesPerSample;

    public static PixelModule From(DicomDataset d)
    {
        if (!d.Contains(DicomTag.PixelData))
            throw new ImageDecodeException("The DICOM file holds no pixel data (7FE0,0010): it is not an image.");
        var rows = Required(d, DicomTag.Rows, "Rows");
        var columns = Required(d, DicomTag.Columns, "Columns");
        if (rows <= 0 || columns <= 0)
            throw new ImageDecodeException($"Malformed DICOM: the image is {columns}×{rows} pixels.");
        if ((long)rows * columns > DicomLimits.MaxPixelsPerFrame)
            throw new ImageDecodeException($"The DICOM image is {columns}×{rows}: more than the {DicomLimits.MaxPixelsPerFrame / 1_000_000} megapixels this reader decodes.");
        var samples = d.GetInt(DicomTag.SamplesPerPixel) ?? 1;
        var photometric = (d.GetString(DicomTag.PhotometricInterpretation) ?? (samples == 3 ? "RGB" : "MONOCHROME2")).ToUpperInvariant();
        var expected = photometric switch
        {
            "MONOCHROME1" or "MONOCHROME2" => 1,
            "RGB" or "YBR_FULL" or "YBR_FULL_422" or "YBR_ICT" or "YBR_RCT" => 3,
            _ => throw new ImageDecodeException($"The photometric interpretation {Printable.Of(photometric)} is not supported (MONOCHROME1/2, RGB, YBR_FULL, YBR_FULL_422 are)."),
        };
        if (samples != expected)
            throw new ImageDecodeException($"Malformed DICOM: {Printable.Of(photometric)} with {samples} samples per pixel.");
        var allocated = Required(d, DicomTag.BitsAllocated, "BitsAllocated");
        if (allocated is not (8 or 16))
            throw new ImageDecodeException($"BitsAllocated {allocated} is not supported (8 and 16 are).");
        var stored = d.GetInt(DicomTag.BitsStored) ?? allocated;
        var highBit = d.GetInt(DicomTag.HighBit) ?? stored - 1;
        if (stored < 1 || stored > allocated || highBit < stored - 1 || highBit >= allocated)
            throw new ImageDecodeException($"Malformed DICOM: BitsStored {stored} and HighBit {highBit} do not fit BitsAllocated {allocated}.");
        var frames = d.NumberOfFrames;
        if (frames < 1)
            throw new ImageDecodeException($"Malformed DICOM: NumberOfFrames is {frames}.");
        var slope = d.GetDouble(DicomTag.RescaleSlope) ?? 1;
        var intercept = d.GetDouble(DicomTag.RescaleIntercept) ?? 0;
        var width = d.GetDouble(DicomTag.WindowWidth);
        var center = d.GetDouble(DicomTag.WindowCenter);
        var windowed = width is >= 1 && center is not null;
        return new PixelModule(rows, columns, samples, photometric, (d.GetInt(DicomTag.PlanarConfiguration) ?? 0) == 1,
            allocated, stored, highBit, (d.GetInt(DicomTag.PixelRepresentation) ?? 0) == 1, frames,
            slope == 0 ? 1 : slope, intercept, windowed ? center : null, windowed ? width : null,
            (d.GetString(DicomTag.VoiLutFunction) ?? "LINEAR").ToUpperInvariant(), d.Modality);
    }

    private static int Required(DicomDataset d, DicomTag tag, string name) =>
        d.GetInt(tag) ?? throw new ImageDecodeException($"Malformed DICOM: the image has no {name} {tag}.");
}
