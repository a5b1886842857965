namespace ClinicalAgent.Imaging.Dicom;

/// <summary>Bounds that keep a malformed or hostile file from exhausting the process.</summary>
internal static class DicomLimits
{
    /// <summary>Sequences nested deeper than this are refused (real files nest a handful).</summary>
    public const int MaxSequenceDepth = 16;

    /// <summary>The largest inflated dataset of a deflated transfer syntax.</summary>
    public const int MaxInflatedBytes = 512 * 1024 * 1024;

    /// <summary>The most pixels (rows × columns) of one decoded frame: 100 megapixels.</summary>
    public const long MaxPixelsPerFrame = 100_000_000;
}
