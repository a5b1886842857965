namespace ClinicalAgent.Agent.Models;

/// <summary>A tensor's entry in the GGUF header; <see cref="Dimensions"/> in ggml order, contiguous first; <see cref="Offset"/> relative to the data section.</summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ulong Offset)
{
    public ulong ElementCount => Dimensions.Aggregate(1UL, (a, d) => a * d);

    /// <summary>Bytes of data, or null for a type this code does not know the block size of.</summary>
    public ulong? ByteSize => GgmlTypes.BlockLayout(Type) is var (elements, bytes) ? ElementCount / elements * bytes : null;
}
