using System.Buffers.Binary;
using System.Text;

namespace ClinicalAgent.Imaging.Writing;

/// <summary>
/// Collects data elements and encodes them in explicit VR little endian (PS3.5 §7.1.2), in ascending tag order as a
/// data set must be, each value padded to even length (UI with NUL, text with a space, binary with 0).
/// </summary>
internal sealed class DicomDataSetBuilder
{
    // VRs whose explicit encoding has 2 reserved bytes and a 4-byte length (PS3.5 Table 7.1-1).
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT"];

    private readonly SortedDictionary<uint, (string Vr, byte[] Value)> _elements = [];

    public int Count => _elements.Count;

    public DicomDataSetBuilder Text(uint tag, string vr, string? value)
    {
        if (value is null)
            return this;
        foreach (var c in value)
        {
            // The default character repertoire is ASCII; anything else would need SpecificCharacterSet.
            if (c > 0x7E || (c < 0x20 && c != '\t'))
                throw new ArgumentException($"Tag {Describe(tag)} holds a character outside the DICOM default repertoire.", nameof(value));
        }

        var bytes = Encoding.ASCII.GetBytes(value);
        return Add(tag, vr, bytes.Length % 2 == 0 ? bytes : [.. bytes, vr == "UI" ? (byte)0 : (byte)' ']);
    }

    public DicomDataSetBuilder UShort(uint tag, int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, checked((ushort)value));
        return Add(tag, "US", bytes);
    }

    public DicomDataSetBuilder ULong(uint tag, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Add(tag, "UL", bytes);
    }

    public DicomDataSetBuilder Binary(uint tag, string vr, byte[] value) =>
        Add(tag, vr, value.Length % 2 == 0 ? value : [.. value, 0]);

    /// <summary>The encoded elements, in tag order.</summary>
    public byte[] Encode()
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        foreach (var (tag, (vr, value)) in _elements)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(tag >> 16));
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)tag);
            header[4] = (byte)vr[0];
            header[5] = (byte)vr[1];
            if (LongVrs.Contains(vr))
            {
                header[6] = 0;
                header[7] = 0;
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
                output.Write(header[..12]);
            }
            else
            {
                if (value.Length > ushort.MaxValue)
                    throw new ArgumentException($"Tag {Describe(tag)} ({vr}) holds {value.Length} bytes; its VR allows {ushort.MaxValue}.");
                BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
                output.Write(header[..8]);
            }

            output.Write(value);
        }

        return output.ToArray();
    }

    private DicomDataSetBuilder Add(uint tag, string vr, byte[] value)
    {
        if (vr.Length != 2)
            throw new ArgumentException($"'{vr}' is not a DICOM VR.", nameof(vr));
        _elements[tag] = (vr, value);
        return this;
    }

    private static string Describe(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
