namespace ClinicalAgent.Imaging.Codecs;

/// <summary>A JPEG Huffman table (ITU T.81 Annex C) as canonical codes: per code length, the largest code and where its symbols start.</summary>
internal sealed class HuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            _valueOffset[length] = k - code;
            code += counts[length - 1];
            k += counts[length - 1];
            _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>The next symbol; a code longer than 16 bits is malformed.</summary>
    public int Decode(ref BitReader reader)
    {
        var code = 0;
        for (var length = 1; length <= 16; length++)
        {
            code = (code << 1) | reader.Bit();
            if (code <= _maxCode[length])
            {
                var index = _valueOffset[length] + code;
                if ((uint)index >= (uint)_values.Length)
                    break;
                return _values[index];
            }
        }

        throw new ImageDecodeException("Malformed JPEG Lossless pixel data: a Huffman code matches no symbol.");
    }
}
