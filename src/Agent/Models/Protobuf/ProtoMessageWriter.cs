using Google.Protobuf;

namespace ClinicalAgent.Agent.Models.Protobuf;

/// <summary>
/// Encodes one protobuf message field by field with <see cref="CodedOutputStream"/>, so the test kit's ONNX and
/// SentencePiece files are written from the published field numbers without generated code. Nested messages are
/// written whole into their parent (the files are tiny).
/// </summary>
internal sealed class ProtoMessageWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    public ProtoMessageWriter() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

    public ProtoMessageWriter Int64(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    /// <summary>An int32 or enum field; negative values take ten bytes, as protobuf encodes them.</summary>
    public ProtoMessageWriter Int32(int field, int value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt32(value);
        return this;
    }

    public ProtoMessageWriter Bool(int field, bool value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteBool(value);
        return this;
    }

    public ProtoMessageWriter Float(int field, float value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFloat(value);
        return this;
    }

    public ProtoMessageWriter String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoMessageWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoMessageWriter Message(int field, ProtoMessageWriter message) => Bytes(field, message.ToArray());

    /// <summary>A repeated int64 field, packed (how proto3 and ONNX's packed fields are written).</summary>
    public ProtoMessageWriter PackedInt64(int field, IEnumerable<long> values)
    {
        var packed = new ProtoMessageWriter();
        foreach (var value in values)
        {
            packed._output.WriteInt64(value);
        }

        return Bytes(field, packed.ToArray());
    }

    public byte[] ToArray()
    {
        _output.Flush();
        return _buffer.ToArray();
    }
}
