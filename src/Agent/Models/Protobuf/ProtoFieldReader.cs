using System.Text;

namespace ClinicalAgent.Agent.Models.Protobuf;

/// <summary>
/// Walks the fields of a protobuf message in a stream without loading it, seeking past what the caller skips, so
/// a 1.6 GB ONNX file is summarised by reading a few kilobytes. Lengths beyond the message's end and runaway
/// varints are <see cref="InvalidDataException"/>s, so a corrupt file fails rather than hangs.
/// </summary>
internal sealed class ProtoFieldReader
{
    private readonly Stream _stream;
    private readonly long _end;

    public ProtoFieldReader(Stream stream) : this(stream, stream.Length) { }

    private ProtoFieldReader(Stream stream, long end)
    {
        _stream = stream;
        _end = end;
    }

    /// <summary>The next field's number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32); false at the message's end.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (_stream.Position >= _end)
            return false;
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0 || wireType is 3 or 4 or 6 or 7)
            throw new InvalidDataException($"bad protobuf tag {tag} at byte {_stream.Position}");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_stream.Position >= _end)
                throw new InvalidDataException("truncated varint");
            var b = _stream.ReadByte();
            if (b < 0)
                throw new InvalidDataException("truncated varint");
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }

        throw new InvalidDataException("varint longer than ten bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public int ReadInt32() => (int)(long)ReadVarint();

    public float ReadFixed32Float()
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes);
    }

    public string ReadString()
    {
        var length = ReadLength();
        if (length > 1 << 20)
            throw new InvalidDataException($"string of {length} bytes");
        var bytes = new byte[length];
        ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The embedded message of a length-delimited field; this reader continues after it once the caller is done (<see cref="Skip"/> is not needed).</summary>
    public T ReadMessage<T>(Func<ProtoFieldReader, T> read)
    {
        var length = ReadLength();
        var end = _stream.Position + length;
        var result = read(new ProtoFieldReader(_stream, end));
        _stream.Position = end;
        return result;
    }

    /// <summary>A packed repeated varint field, or one element of an unpacked one.</summary>
    public IEnumerable<long> ReadInt64s(int wireType)
    {
        if (wireType == 0)
            return [ReadInt64()];
        return ReadMessage(r =>
        {
            var values = new List<long>();
            while (r._stream.Position < r._end)
                values.Add(r.ReadInt64());
            return values;
        });
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                SeekBy(8);
                break;
            case 2:
                SeekBy(ReadLength());
                break;
            case 5:
                SeekBy(4);
                break;
            default:
                throw new InvalidDataException($"bad protobuf wire type {wireType}");
        }
    }

    private long ReadLength()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - _stream.Position))
            throw new InvalidDataException($"a field of {length} bytes runs past the end of its message");
        return (long)length;
    }

    private void SeekBy(long count)
    {
        if (count > _end - _stream.Position)
            throw new InvalidDataException("a field runs past the end of its message");
        _stream.Position += count;
    }

    private void ReadExactly(Span<byte> buffer)
    {
        if (buffer.Length > _end - _stream.Position)
            throw new InvalidDataException("a field runs past the end of its message");
        _stream.ReadExactly(buffer);
    }
}
