using System.Buffers.Binary;
using System.Text;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// A minimal GGUF v3 writer: metadata of the common value types and F32/F16 tensors. Enough to build test
/// models; entries are written in the order they were added so the same calls give the same bytes.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<(string Name, ulong[] Dimensions, GgmlType Type, byte[] Data)> _tensors = [];

    /// <summary>Tensor data alignment in bytes; also written as <c>general.alignment</c> when it is not the default.</summary>
    public int Alignment { get; init; } = GgufFormat.DefaultAlignment;

    public GgufWriter Add(string key, uint value) => AddEntry(key, GgufValueType.UInt32, value);

    public GgufWriter Add(string key, int value) => AddEntry(key, GgufValueType.Int32, value);

    public GgufWriter Add(string key, float value) => AddEntry(key, GgufValueType.Float32, value);

    public GgufWriter Add(string key, bool value) => AddEntry(key, GgufValueType.Bool, value);

    public GgufWriter Add(string key, string value) => AddEntry(key, GgufValueType.String, value);

    public GgufWriter Add(string key, IReadOnlyList<string> values) => AddEntry(key, GgufValueType.Array, new ArrayValue(GgufValueType.String, values.ToArray()));

    public GgufWriter Add(string key, IReadOnlyList<float> values) => AddEntry(key, GgufValueType.Array, new ArrayValue(GgufValueType.Float32, values.ToArray()));

    public GgufWriter Add(string key, IReadOnlyList<int> values) => AddEntry(key, GgufValueType.Array, new ArrayValue(GgufValueType.Int32, values.ToArray()));

    public GgufWriter Add(string key, IReadOnlyList<uint> values) => AddEntry(key, GgufValueType.Array, new ArrayValue(GgufValueType.UInt32, values.ToArray()));

    /// <summary>Adds a tensor; <paramref name="dimensions"/> are in ggml order, the contiguous one first.</summary>
    public GgufWriter AddTensor(string name, ulong[] dimensions, GgmlType type, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dimensions.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions.Length, GgufFormat.MaxDimensions);
        var count = dimensions.Aggregate(1UL, (a, d) => a * d);
        if ((ulong)values.Length != count)
        {
            throw new ArgumentException($"Tensor {name} has shape [{string.Join(", ", dimensions)}] = {count} elements but {values.Length} values were given.", nameof(values));
        }

        _tensors.Add((name, dimensions, type, Encode(type, values)));
        return this;
    }

    /// <summary>Writes the file, replacing one that exists.</summary>
    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteTo(stream);
    }

    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var metadata = Alignment == GgufFormat.DefaultAlignment
            ? _metadata
            : [.. _metadata, ("general.alignment", GgufValueType.UInt32, (object)(uint)Alignment)];
        writer.Write(GgufFormat.Magic);
        writer.Write(GgufFormat.Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)metadata.Count);
        foreach (var (key, type, value) in metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)type);
            WriteValue(writer, type, value);
        }

        ulong offset = 0;
        foreach (var (name, dimensions, type, data) in _tensors)
        {
            WriteString(writer, name);
            writer.Write((uint)dimensions.Length);
            foreach (var dimension in dimensions)
            {
                writer.Write(dimension);
            }

            writer.Write((uint)type);
            writer.Write(offset);
            offset = Align(offset + (ulong)data.Length);
        }

        Pad(writer);
        foreach (var (_, _, _, data) in _tensors)
        {
            writer.Write(data);
            Pad(writer);
        }
    }

    private GgufWriter AddEntry(string key, GgufValueType type, object value)
    {
        if (_metadata.Any(m => m.Key == key))
        {
            throw new ArgumentException($"Metadata key {key} was already added.", nameof(key));
        }

        _metadata.Add((key, type, value));
        return this;
    }

    private ulong Align(ulong offset) => (offset + (ulong)Alignment - 1) / (ulong)Alignment * (ulong)Alignment;

    // Offsets are relative to the data section, which itself starts aligned, so padding the absolute
    // stream position keeps both in step.
    private void Pad(BinaryWriter writer)
    {
        writer.Flush();
        var position = (ulong)writer.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt32: writer.Write((uint)value); break;
            case GgufValueType.Int32: writer.Write((int)value); break;
            case GgufValueType.Float32: writer.Write((float)value); break;
            case GgufValueType.Bool: writer.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.Array:
                var array = (ArrayValue)value;
                writer.Write((uint)array.ElementType);
                writer.Write((ulong)array.Items.Length);
                foreach (var item in array.Items)
                {
                    WriteValue(writer, array.ElementType, item);
                }

                break;
            default: throw new NotSupportedException($"The writer does not write {type} values.");
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] Encode(GgmlType type, ReadOnlySpan<float> values)
    {
        switch (type)
        {
            case GgmlType.F32:
                var f32 = new byte[values.Length * 4];
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(i * 4), values[i]);
                }

                return f32;
            case GgmlType.F16:
                var f16 = new byte[values.Length * 2];
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(f16.AsSpan(i * 2), (Half)values[i]);
                }

                return f16;
            default:
                throw new NotSupportedException($"The writer stores F32 and F16 tensors, not {type}.");
        }
    }

    private sealed record ArrayValue(GgufValueType ElementType, Array Items);
}
