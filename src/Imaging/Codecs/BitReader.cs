namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// Reads the entropy-coded bits of a JPEG scan through a 64-bit window: a 0xFF byte is followed by a stuffed 0x00;
/// any other marker ends the data, after which zeros are read (T.81 F.2.2.5), so a truncated scan ends instead of
/// reading past the buffer.
/// </summary>
internal ref struct BitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position = position;
    private ulong _window;
    private int _count;

    /// <summary>Where the next unread byte is (never past a marker).</summary>
    public readonly int Position => _position;

    /// <summary>Zero bytes supplied past the data since the last restart; many means the scan is truncated.</summary>
    public int PaddingRead { get; private set; }

    public int Peek(int n)
    {
        if (_count < n)
            Fill();
        return (int)(_window >> (64 - n));
    }

    public void Skip(int n)
    {
        _window <<= n;
        _count -= n;
    }

    public int Bits(int n)
    {
        if (n == 0)
            return 0;
        var value = Peek(n);
        Skip(n);
        return value;
    }

    /// <summary>At a restart marker: drop the partial byte and step over RSTn.</summary>
    public void Restart()
    {
        _window = 0;
        _count = 0;
        PaddingRead = 0;
        if (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] is >= 0xD0 and <= 0xD7)
            _position += 2;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            ulong value = 0;
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

            _window |= value << (56 - _count);
            _count += 8;
        }
    }
}
