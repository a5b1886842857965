using System.Buffers.Binary;
using System.IO.Compression;

namespace ClinicalAgent.Imaging.Dicom;

/// <summary>
/// A DICOM file read from its bytes: the Part 10 meta header (group 0002) when it has one, and the dataset in its
/// transfer syntax (implicit or explicit VR little endian, deflated, or an encapsulated pixel syntax).
/// </summary>
public sealed class DicomFile
{
    private DicomFile(DicomDataset meta, DicomDataset dataset, TransferSyntax syntax, bool hasPreamble)
    {
        Meta = meta;
        Dataset = dataset;
        Syntax = syntax;
        HasPreamble = hasPreamble;
    }

    /// <summary>The file meta information (empty for a legacy file without one).</summary>
    public DicomDataset Meta { get; }

    public DicomDataset Dataset { get; }

    /// <summary>(0002,0010), or implicit VR little endian for a file without meta header.</summary>
    public string TransferSyntaxUid => Syntax.Uid;

    /// <summary>The transfer syntax's name, for messages.</summary>
    public string TransferSyntaxName => Syntax.Name;

    /// <summary>Whether the file has the 128-byte preamble and <c>DICM</c> (PS3.10); false for legacy streams.</summary>
    public bool HasPreamble { get; }

    internal TransferSyntax Syntax { get; }

    /// <summary>Whether the bytes look like DICOM: <c>DICM</c> at 128, or a legacy stream starting with a group 0002/0008 tag.</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> bytes) =>
        HasMagic(bytes) || LooksLikeLegacy(bytes);

    /// <summary>Reads a DICOM file.</summary>
    /// <exception cref="ImageDecodeException">Not DICOM, or malformed.</exception>
    public static DicomFile Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlyMemory<byte> data = bytes;
        if (HasMagic(bytes))
        {
            var metaParser = new DicomParser(data[132..], explicitVr: true);
            var meta = metaParser.ReadDataset(stopAtGroup: 0x0002);
            var uid = meta.GetString(DicomTag.TransferSyntaxUid)
                ?? throw new ImageDecodeException("Malformed DICOM: the meta header has no Transfer Syntax UID (0002,0010).");
            var syntax = TransferSyntax.Of(uid);
            if (syntax.BigEndian)
                throw new ImageDecodeException($"The transfer syntax {syntax} is not supported by this reader.");
            var body = data[(132 + metaParser.Position)..];
            if (syntax.Deflated)
                body = Inflate(body);
            return new DicomFile(meta, new DicomParser(body, syntax.ExplicitVr).ReadDataset(), syntax, hasPreamble: true);
        }

        if (!LooksLikeLegacy(bytes))
            throw new ImageDecodeException("Not a DICOM file: no DICM at byte 128 and no DICOM tag at the start.");
        // A legacy stream may still start with a meta group (no preamble), and may be explicit VR although the standard
        // default is implicit: the VR letters after the first tag tell.
        var isExplicit = DicomVr.IsKnown(bytes.AsSpan(4));
        var parser = new DicomParser(data, isExplicit);
        var first = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var legacyMeta = first == 0x0002 ? parser.ReadDataset(stopAtGroup: 0x0002) : new DicomDataset();
        var legacySyntax = legacyMeta.GetString(DicomTag.TransferSyntaxUid) is { } legacyUid
            ? TransferSyntax.Of(legacyUid)
            : isExplicit ? TransferSyntax.ExplicitLittle : TransferSyntax.ImplicitLittle;
        var rest = data[parser.Position..];
        if (legacySyntax.Deflated)
            rest = Inflate(rest);
        var dataset = new DicomParser(rest, legacySyntax.ExplicitVr).ReadDataset();
        return new DicomFile(legacyMeta, dataset, legacySyntax, hasPreamble: false);
    }

    private static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.Length >= 132 && bytes.Slice(128, 4).SequenceEqual("DICM"u8);

    private static bool LooksLikeLegacy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
            return false;
        var group = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]);
        // Group 0002 (a meta group without preamble) or 0008 (identification, where a legacy dataset starts), with a
        // small element number; PNG and JPEG signatures never look like this.
        return group is 0x0002 or 0x0008 && element < 0x0100;
    }

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> deflated)
    {
        try
        {
            using var input = new MemoryStream(deflated.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > DicomLimits.MaxInflatedBytes)
                    throw new ImageDecodeException($"Malformed DICOM: the deflated dataset inflates past {DicomLimits.MaxInflatedBytes / (1024 * 1024)} MB.");
                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ImageDecodeException($"Malformed DICOM: the deflated dataset does not inflate ({e.Message}).", e);
        }
    }
}
