using System.Buffers.Binary;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Encodes float values as the ggml tensor types the writer stores: F32, F16 and Q8_0 (blocks of 32 values sharing one
/// F16 scale, each value a signed byte), laid out as ggml's <c>block_q8_0</c>.
/// </summary>
internal static class GgmlEncoding
{
    /// <summary>Values per Q8_0 block (ggml's QK8_0).</summary>
    public const int Q8Block = 32;

    private const int Q8BlockBytes = 2 + Q8Block;

    /// <summary>Whether the writer can encode <paramref name="type"/>.</summary>
    public static bool CanEncode(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.Q8_0;

    /// <summary>Bytes that <paramref name="count"/> values of <paramref name="type"/> take; a Q8_0 count must fill whole blocks.</summary>
    public static ulong Size(GgmlType type, ulong count) => type switch
    {
        GgmlType.F32 => count * 4,
        GgmlType.F16 => count * 2,
        GgmlType.Q8_0 when count % Q8Block == 0 => count / Q8Block * Q8BlockBytes,
        GgmlType.Q8_0 => throw new ArgumentException($"Q8_0 stores whole blocks of {Q8Block} values; {count} is not a multiple.", nameof(count)),
        _ => throw new NotSupportedException($"The writer stores F32, F16 and Q8_0 tensors, not {type}."),
    };

    /// <summary>Writes <paramref name="values"/> into <paramref name="destination"/>, which holds exactly <see cref="Size"/> bytes.</summary>
    public static void Encode(GgmlType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        switch (type)
        {
            case GgmlType.F32:
                for (var i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
                break;
            case GgmlType.F16:
                for (var i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
                break;
            case GgmlType.Q8_0:
                for (var block = 0; block < values.Length / Q8Block; block++)
                    EncodeQ8Block(values.Slice(block * Q8Block, Q8Block), destination.Slice(block * Q8BlockBytes, Q8BlockBytes));
                break;
            default:
                throw new NotSupportedException($"The writer stores F32, F16 and Q8_0 tensors, not {type}.");
        }
    }

    // As ggml's quantize_row_q8_0_ref: the scale maps the block's largest magnitude to 127, values round half away from zero.
    private static void EncodeQ8Block(ReadOnlySpan<float> values, Span<byte> destination)
    {
        var max = 0f;
        foreach (var value in values)
            max = MathF.Max(max, MathF.Abs(value));
        var scale = max / 127f;
        var inverse = scale == 0 ? 0 : 1 / scale;
        BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)scale);
        for (var i = 0; i < values.Length; i++)
            destination[2 + i] = unchecked((byte)(sbyte)MathF.Round(values[i] * inverse, MidpointRounding.AwayFromZero));
    }
}
