namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// A JPEG Huffman table (ITU T.81 Annex C) as canonical codes: a 9-bit lookahead table for the short codes (most
/// symbols), and per code length the largest code and where its symbols start for the long ones.
/// </summary>
internal sealed class HuffmanTable
{
    private const int LookaheadBits = 9;
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly ushort[] _lookahead = new ushort[1 << LookaheadBits];
    private readonly byte[] _values;

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            _valueOffset[length] = k - code;
            for (var n = 0; n < counts[length - 1]; n++, code++, k++)
            {
                if (length > LookaheadBits || k >= _values.Length)
                    continue;
                // Every 9-bit window that starts with this code decodes to its symbol.
                var first = code << (LookaheadBits - length);
                for (var fill = 0; fill < 1 << (LookaheadBits - length); fill++)
                    _lookahead[first + fill] = (ushort)((length << 8) | _values[k]);
            }

            _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
    }

    /// <summary>The next symbol; a code that matches none of the table's is malformed.</summary>
    public int Decode(ref BitReader reader)
    {
        var entry = _lookahead[reader.Peek(LookaheadBits)];
        if (entry != 0)
        {
            reader.Skip(entry >> 8);
            return entry & 0xFF;
        }

        var bits = reader.Peek(16);
        for (var length = LookaheadBits + 1; length <= 16; length++)
        {
            var code = bits >> (16 - length);
            if (code <= _maxCode[length])
            {
                var index = _valueOffset[length] + code;
                if ((uint)index >= (uint)_values.Length)
                    break;
                reader.Skip(length);
                return _values[index];
            }
        }

        throw new ImageDecodeException("Malformed JPEG Lossless pixel data: a Huffman code matches no symbol.");
    }
}
