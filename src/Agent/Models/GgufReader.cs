using System.Text;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Parses a GGUF header from a stream, checking every length against what is left of the file so a
/// corrupt count fails with a message instead of allocating gigabytes.
/// </summary>
internal sealed class GgufReader(Stream stream, string path, int maxArrayItems)
{
    private readonly BinaryReader _reader = new(stream, Encoding.UTF8, leaveOpen: true);
    private readonly long _length = stream.Length;

    private long Remaining => _length - stream.Position;

    public uint ReadVersion()
    {
        if (_length < 4 || _reader.ReadUInt32() != GgufFormat.Magic)
        {
            throw new InvalidDataException($"{path} is not a GGUF file: it does not start with the 'GGUF' magic.");
        }

        var version = Need(4, "the version") ? _reader.ReadUInt32() : 0;
        if (version is not (2 or 3))
        {
            throw new InvalidDataException($"{path} is GGUF version {version}; only versions 2 and 3 are supported.");
        }

        return version;
    }

    public ulong ReadCount(string what) => Need(8, what) ? _reader.ReadUInt64() : 0;

    public (string Key, object Value) ReadEntry()
    {
        var key = ReadString("a metadata key");
        var type = ReadType($"the type of {key}");
        return (key, ReadValue(type, key));
    }

    public GgufTensorInfo ReadTensorInfo()
    {
        var name = ReadString("a tensor name");
        var dimensionCount = Need(4, $"tensor {name}") ? _reader.ReadUInt32() : 0;
        if (dimensionCount is 0 or > GgufFormat.MaxDimensions)
        {
            throw Corrupt($"tensor {name} claims {dimensionCount} dimensions");
        }

        var dimensions = new ulong[dimensionCount];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = ReadCount($"tensor {name}");
        }

        var type = (GgmlType)(Need(4, $"tensor {name}") ? _reader.ReadUInt32() : 0);
        return new GgufTensorInfo(name, dimensions, type, ReadCount($"tensor {name}"));
    }

    public InvalidDataException Corrupt(string detail) => new($"{path} is corrupt: {detail}.");

    private object ReadValue(GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 => Need(1, key) ? _reader.ReadByte() : 0,
        GgufValueType.Int8 => Need(1, key) ? _reader.ReadSByte() : 0,
        GgufValueType.UInt16 => Need(2, key) ? _reader.ReadUInt16() : 0,
        GgufValueType.Int16 => Need(2, key) ? _reader.ReadInt16() : 0,
        GgufValueType.UInt32 => Need(4, key) ? _reader.ReadUInt32() : 0,
        GgufValueType.Int32 => Need(4, key) ? _reader.ReadInt32() : 0,
        GgufValueType.Float32 => Need(4, key) ? _reader.ReadSingle() : 0,
        GgufValueType.Bool => Need(1, key) ? _reader.ReadByte() != 0 : false,
        GgufValueType.String => ReadString(key),
        GgufValueType.UInt64 => Need(8, key) ? _reader.ReadUInt64() : 0,
        GgufValueType.Int64 => Need(8, key) ? _reader.ReadInt64() : 0,
        GgufValueType.Float64 => Need(8, key) ? _reader.ReadDouble() : 0,
        GgufValueType.Array => ReadArray(key),
        _ => throw Corrupt($"metadata {key} has unknown value type {(uint)type}"),
    };

    private GgufArray ReadArray(string key)
    {
        var elementType = ReadType($"the element type of {key}");
        var count = ReadCount($"the length of {key}");
        // Every element takes at least one byte (an empty string still has its 8-byte length).
        if (count > (ulong)Remaining)
        {
            throw Corrupt($"array {key} claims {count} elements, more than the {Remaining} bytes left");
        }

        if (count <= (ulong)maxArrayItems)
        {
            var items = new object[count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ReadValue(elementType, key);
            }

            return new GgufArray(elementType, count, items);
        }

        if (FixedSize(elementType) is { } size)
        {
            SkipElements(count, size, key);
        }
        else
        {
            for (ulong i = 0; i < count; i++)
            {
                SkipValue(elementType, key);
            }
        }

        return new GgufArray(elementType, count, null);
    }

    private void SkipValue(GgufValueType type, string key)
    {
        switch (type)
        {
            case GgufValueType.String:
                Skip(ReadCount(key), key);
                break;
            case GgufValueType.Array:
                var elementType = ReadType(key);
                var count = ReadCount(key);
                if (FixedSize(elementType) is { } size)
                {
                    SkipElements(count, size, key);
                }
                else
                {
                    for (ulong i = 0; i < count; i++)
                    {
                        SkipValue(elementType, key);
                    }
                }

                break;
            default:
                Skip(FixedSize(type) ?? throw Corrupt($"metadata {key} has unknown value type {(uint)type}"), key);
                break;
        }
    }

    private static ulong? FixedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => null,
    };

    private void SkipElements(ulong count, ulong size, string what)
    {
        if (count > (ulong)Remaining / size)
        {
            throw Truncated(what);
        }

        Skip(count * size, what);
    }

    private void Skip(ulong bytes, string what)
    {
        if (bytes > (ulong)Remaining)
        {
            throw Truncated(what);
        }

        stream.Seek((long)bytes, SeekOrigin.Current);
    }

    private GgufValueType ReadType(string what)
    {
        var type = Need(4, what) ? _reader.ReadUInt32() : 0;
        return type <= (uint)GgufValueType.Float64 ? (GgufValueType)type : throw Corrupt($"{what} is {type}, not a GGUF value type");
    }

    private string ReadString(string what)
    {
        var length = ReadCount(what);
        if (length > (ulong)Remaining)
        {
            throw Truncated(what);
        }

        if (length > int.MaxValue)
        {
            throw Corrupt($"{what} claims to be a string of {length} bytes");
        }

        return Encoding.UTF8.GetString(_reader.ReadBytes((int)length));
    }

    // Returns true so reads can be written as `Need(n) ? read : default`.
    private bool Need(long bytes, string what) => Remaining >= bytes ? true : throw Truncated(what);

    private InvalidDataException Truncated(string what) =>
        new($"{path} is truncated or corrupt: the file ends inside {what} (at byte {stream.Position} of {_length}).");
}
