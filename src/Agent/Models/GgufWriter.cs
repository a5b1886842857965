using System.Text;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// A minimal GGUF v3 writer: metadata of the common value types and F32, F16 and Q8_0 tensors, given as values or as
/// a <see cref="TensorRowSource"/> that produces them while the file is written (for models of gigabytes). Entries
/// are written in the order they were added so the same calls give the same bytes.
/// </summary>
public sealed class GgufWriter
{
    // Values generated and encoded per step when a tensor streams from a row source: a few megabytes in memory.
    private const ulong StreamChunkValues = 1 << 22;

    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<Tensor> _tensors = [];

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

        var data = new byte[GgmlEncoding.Size(type, count)];
        GgmlEncoding.Encode(type, values, data);
        _tensors.Add(new Tensor(name, dimensions, type, data, null));
        return this;
    }

    /// <summary>Adds a tensor whose rows <paramref name="rows"/> fills while the file is written; a Q8_0 row
    /// (<paramref name="dimensions"/>[0] values) must fill whole blocks of 32.</summary>
    public GgufWriter AddTensor(string name, ulong[] dimensions, GgmlType type, TensorRowSource rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfZero(dimensions.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions.Length, GgufFormat.MaxDimensions);
        _ = GgmlEncoding.Size(type, dimensions[0]);
        _tensors.Add(new Tensor(name, dimensions, type, null, rows));
        return this;
    }

    /// <summary>Bytes of the tensor data section, padding included: the file is this plus its header.</summary>
    public ulong TensorDataSize => _tensors.Aggregate(0UL, (total, tensor) => Align(total + tensor.Size));

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
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Dimensions.Length);
            foreach (var dimension in tensor.Dimensions)
            {
                writer.Write(dimension);
            }

            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset = Align(offset + tensor.Size);
        }

        Pad(writer);
        foreach (var tensor in _tensors)
        {
            if (tensor.Data is not null)
                writer.Write(tensor.Data);
            else
                Stream(writer, tensor);
            Pad(writer);
        }
    }

    // Rows are generated in parallel a chunk at a time and written in order, so memory stays small and the bytes do not
    // depend on the thread count (each row is a function of its index alone).
    private static void Stream(BinaryWriter writer, Tensor tensor)
    {
        var columns = tensor.Dimensions[0];
        var rowCount = tensor.Dimensions.Skip(1).Aggregate(1UL, (a, d) => a * d);
        var rowBytes = GgmlEncoding.Size(tensor.Type, columns);
        var rowsPerChunk = Math.Max(1UL, StreamChunkValues / columns);
        var values = new float[(int)(rowsPerChunk * columns)];
        var bytes = new byte[(int)(rowsPerChunk * rowBytes)];
        for (ulong first = 0; first < rowCount; first += rowsPerChunk)
        {
            var count = (int)Math.Min(rowsPerChunk, rowCount - first);
            Parallel.For(0, count, i =>
            {
                var row = values.AsSpan(i * (int)columns, (int)columns);
                tensor.Rows!(first + (ulong)i, row);
                GgmlEncoding.Encode(tensor.Type, row, bytes.AsSpan(i * (int)rowBytes, (int)rowBytes));
            });
            writer.Write(bytes, 0, count * (int)rowBytes);
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

    private sealed record ArrayValue(GgufValueType ElementType, Array Items);

    /// <summary>A tensor held as encoded bytes, or produced row by row at write time.</summary>
    private sealed record Tensor(string Name, ulong[] Dimensions, GgmlType Type, byte[]? Data, TensorRowSource? Rows)
    {
        public ulong Size => Data is not null ? (ulong)Data.Length : GgmlEncoding.Size(Type, Dimensions.Aggregate(1UL, (a, d) => a * d));
    }
}
