namespace ClinicalAgent.Imaging.Dicom;

/// <summary>How a transfer syntax's pixel data is held and whether this reader decodes it.</summary>
internal enum PixelEncoding
{
    Native,
    Rle,
    Jpeg,
    Jpeg2000,
    Unsupported,
}

/// <summary>A transfer syntax as this reader sees it: dataset encoding, pixel encoding, and a name for messages.</summary>
internal sealed record TransferSyntax(string Uid, string Name, bool ExplicitVr, bool Deflated, PixelEncoding Pixels)
{
    public const string ImplicitLittleUid = "1.2.840.10008.1.2";
    public const string ExplicitLittleUid = "1.2.840.10008.1.2.1";

    public static readonly TransferSyntax ImplicitLittle = new(ImplicitLittleUid, "Implicit VR Little Endian", false, false, PixelEncoding.Native);
    public static readonly TransferSyntax ExplicitLittle = new(ExplicitLittleUid, "Explicit VR Little Endian", true, false, PixelEncoding.Native);

    private static readonly Dictionary<string, TransferSyntax> Known = new[]
    {
        ImplicitLittle,
        ExplicitLittle,
        new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, true, PixelEncoding.Native),
        new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, PixelEncoding.Rle),
        new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, PixelEncoding.Jpeg),
        new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, PixelEncoding.Jpeg),
        new("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)", true, false, PixelEncoding.Jpeg),
        new("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1 (Process 14, Selection Value 1)", true, false, PixelEncoding.Jpeg),
        new("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, false, PixelEncoding.Jpeg2000),
        new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, PixelEncoding.Jpeg2000),
        new("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Lossless", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", true, false, PixelEncoding.Unsupported),
        new("1.2.840.10008.1.2.4.107", "HEVC/H.265", true, false, PixelEncoding.Unsupported),
    }.ToDictionary(s => s.Uid, StringComparer.Ordinal);

    /// <summary>The syntax of a UID; an unknown one is taken as an encapsulated explicit-VR syntax we cannot decode
    /// (PS3.5 10: every syntax after the three uncompressed ones is explicit VR little endian).</summary>
    public static TransferSyntax Of(string uid) =>
        Known.TryGetValue(uid, out var syntax) ? syntax : new TransferSyntax(Printable.Of(uid), "an unknown transfer syntax", true, false, PixelEncoding.Unsupported);

    /// <summary>The retired big-endian syntax, whose dataset this reader cannot even parse.</summary>
    public bool BigEndian => Uid == "1.2.840.10008.1.2.2";

    public override string ToString() => $"{Name} ({Uid})";
}
