namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// Reads the entropy-coded bits of a JPEG scan: a 0xFF byte is followed by a stuffed 0x00; any other marker ends the
/// data, after which zeros are read (T.81 F.2.2.5), so a truncated scan ends instead of reading past the buffer.
/// </summary>
internal ref struct BitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position = position;
    private int _bits;
    private int _count;

    public readonly int Position => _position;

    /// <summary>Bytes past the end read as zeros; past this many the data is hopelessly truncated.</summary>
    public int PaddingRead { get; private set; }

    public int Bit()
    {
        if (_count == 0)
            Fill();
        _count--;
        return (_bits >> _count) & 1;
    }

    public int Bits(int n)
    {
        var value = 0;
        for (var i = 0; i < n; i++)
            value = (value << 1) | Bit();
        return value;
    }

    /// <summary>At a restart marker: drop the partial byte and step over RSTn.</summary>
    public void Restart()
    {
        _count = 0;
        if (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] is >= 0xD0 and <= 0xD7)
            _position += 2;
    }

    private void Fill()
    {
        var value = 0;
        if (_position < _data.Length && !(_data[_position] == 0xFF && _position + 1 < _data.Length && _data[_position + 1] != 0x00))
        {
            value = _data[_position++];
            if (value == 0xFF)
                _position++; // the stuffed zero
        }
        else
        {
            PaddingRead++;
        }

        _bits = value;
        _count = 8;
    }
}
