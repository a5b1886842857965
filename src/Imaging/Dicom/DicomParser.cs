using System.Buffers.Binary;

namespace ClinicalAgent.Imaging.Dicom;

/// <summary>
/// Reads a little-endian dataset (explicit or implicit VR) from bytes: every length is checked against what is left,
/// sequences and items of defined and undefined length, encapsulated pixel data as fragments. Malformed input throws
/// <see cref="ImageDecodeException"/>.
/// </summary>
internal sealed class DicomParser(ReadOnlyMemory<byte> data, bool explicitVr)
{
    private const uint Undefined = 0xFFFFFFFF;
    private int _position;

    public int Position => _position;

    /// <summary>Reads elements until the end, or (with <paramref name="stopAtGroup"/>) until the next tag leaves that group.</summary>
    public DicomDataset ReadDataset(ushort? stopAtGroup = null)
    {
        var dataset = new DicomDataset();
        ReadInto(dataset, data.Length, 0, untilItemEnd: false, stopAtGroup);
        return dataset;
    }

    private void ReadInto(DicomDataset dataset, int end, int depth, bool untilItemEnd, ushort? stopAtGroup = null)
    {
        while (_position < end)
        {
            if (stopAtGroup is { } group && (end - _position < 2 || BinaryPrimitives.ReadUInt16LittleEndian(data.Span[_position..]) != group))
                return;
            // Trailing padding shorter than a tag is tolerated, as viewers do.
            if (end - _position < 8 && !untilItemEnd && data.Span[_position..end].IndexOfAnyExcept((byte)0) < 0)
            {
                _position = end;
                return;
            }

            var (tag, vr, length) = ReadHeader(end);
            if (tag == DicomTag.ItemDelimitation)
            {
                if (untilItemEnd)
                    return;
                throw Malformed($"an item delimiter outside an item at byte {_position - 8}");
            }

            if (tag.Group == 0xFFFE)
                throw Malformed($"a stray {(tag == DicomTag.Item ? "item" : "delimiter")} tag {tag} at byte {_position - 8}");

            dataset.Add(ReadValue(tag, vr, length, end, depth));
        }

        if (untilItemEnd)
            throw Malformed("an item of undefined length without its delimiter (truncated?)");
    }

    private DicomElement ReadValue(DicomTag tag, string vr, uint length, int end, int depth)
    {
        if (length == Undefined)
        {
            if (tag == DicomTag.PixelData)
                return new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty) { Fragments = ReadFragments(end) };
            if (vr is "SQ" or "UN")
            {
                // PS3.5 6.2.2: a UN of undefined length is a sequence encoded as implicit VR little endian.
                var parser = vr == "UN" && explicitVr ? new DicomParser(data, explicitVr: false) { _position = _position } : this;
                var items = parser.ReadItems(end, depth + 1, definedEnd: null);
                _position = parser._position;
                return new DicomElement(tag, "SQ", ReadOnlyMemory<byte>.Empty) { Items = items };
            }

            throw Malformed($"{tag} ({vr}) has undefined length");
        }

        var valueEnd = Take(length, end, tag);
        if (vr == "SQ")
        {
            var items = ReadItems(valueEnd, depth + 1, definedEnd: valueEnd);
            _position = valueEnd;
            return new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty) { Items = items };
        }

        var value = data[(valueEnd - (int)length)..valueEnd];
        _position = valueEnd;
        return new DicomElement(tag, vr, value);
    }

    private List<DicomDataset> ReadItems(int end, int depth, int? definedEnd)
    {
        if (depth > DicomLimits.MaxSequenceDepth)
            throw Malformed($"sequences nested deeper than {DicomLimits.MaxSequenceDepth}");
        var items = new List<DicomDataset>();
        while (definedEnd is null || _position < definedEnd)
        {
            var tag = ReadTag(end);
            var length = ReadUInt32(end);
            if (tag == DicomTag.SequenceDelimitation)
            {
                if (definedEnd is null)
                    return items;
                continue; // tolerated inside a defined-length sequence
            }

            if (tag != DicomTag.Item)
                throw Malformed($"{tag} where a sequence item was expected at byte {_position - 8}");
            var item = new DicomDataset();
            if (length == Undefined)
            {
                ReadInto(item, end, depth, untilItemEnd: true);
            }
            else
            {
                var itemEnd = Take(length, end, tag);
                ReadInto(item, itemEnd, depth, untilItemEnd: false);
                _position = itemEnd;
            }

            items.Add(item);
        }

        return items;
    }

    private List<ReadOnlyMemory<byte>> ReadFragments(int end)
    {
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            var tag = ReadTag(end);
            var length = ReadUInt32(end);
            if (tag == DicomTag.SequenceDelimitation)
                return fragments;
            if (tag != DicomTag.Item || length == Undefined)
                throw Malformed($"encapsulated pixel data holds {tag} where a fragment was expected");
            var fragmentEnd = Take(length, end, tag);
            fragments.Add(data[(fragmentEnd - (int)length)..fragmentEnd]);
            _position = fragmentEnd;
        }
    }

    private (DicomTag Tag, string Vr, uint Length) ReadHeader(int end)
    {
        var tag = ReadTag(end);
        if (tag.Group == 0xFFFE || !explicitVr)
            return (tag, tag.Group == 0xFFFE ? "" : DicomDictionary.VrOf(tag), ReadUInt32(end));
        Need(2, end);
        var span = data.Span;
        var vr = string.Create(2, (span[_position], span[_position + 1]), static (s, b) => { s[0] = (char)b.Item1; s[1] = (char)b.Item2; });
        _position += 2;
        if (!DicomVr.IsKnown(vr))
            throw Malformed($"{tag} has an unknown VR at byte {_position - 2} (wrong transfer syntax?)");
        if (DicomVr.HasLongLength(vr))
        {
            Need(2, end);
            _position += 2;
            return (tag, vr, ReadUInt32(end));
        }

        Need(2, end);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(span[_position..]);
        _position += 2;
        return (tag, vr, length);
    }

    private DicomTag ReadTag(int end)
    {
        Need(4, end);
        var span = data.Span[_position..];
        _position += 4;
        return new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..]));
    }

    private uint ReadUInt32(int end)
    {
        Need(4, end);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(data.Span[_position..]);
        _position += 4;
        return value;
    }

    // The end of a value of this length, or a clear error when fewer bytes are left: never trust a length.
    private int Take(uint length, int end, DicomTag tag)
    {
        if (length > (uint)(end - _position))
            throw Malformed($"{tag} claims {length} bytes where {end - _position} are left (truncated?)");
        return _position + (int)length;
    }

    private void Need(int count, int end)
    {
        if (end - _position < count)
            throw Malformed($"the data ends inside an element header at byte {_position} (truncated?)");
    }

    private static ImageDecodeException Malformed(string what) => new($"Malformed DICOM: {what}.");
}
