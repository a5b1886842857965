namespace ClinicalAgent.Agent.Models;

/// <summary>Block layouts of ggml types (for tensor sizes) and the names of llama.cpp's file types.</summary>
internal static class GgmlTypes
{
    // (elements per block, bytes per block), from ggml's block structs.
    private static readonly Dictionary<GgmlType, (ulong Elements, ulong Bytes)> Layouts = new()
    {
        [GgmlType.F32] = (1, 4), [GgmlType.F16] = (1, 2), [GgmlType.BF16] = (1, 2), [GgmlType.F64] = (1, 8),
        [GgmlType.I8] = (1, 1), [GgmlType.I16] = (1, 2), [GgmlType.I32] = (1, 4), [GgmlType.I64] = (1, 8),
        [GgmlType.Q4_0] = (32, 18), [GgmlType.Q4_1] = (32, 20), [GgmlType.Q5_0] = (32, 22), [GgmlType.Q5_1] = (32, 24),
        [GgmlType.Q8_0] = (32, 34), [GgmlType.Q8_1] = (32, 36), [GgmlType.IQ4_NL] = (32, 18), [GgmlType.MXFP4] = (32, 17),
        [GgmlType.Q2_K] = (256, 84), [GgmlType.Q3_K] = (256, 110), [GgmlType.Q4_K] = (256, 144), [GgmlType.Q5_K] = (256, 176),
        [GgmlType.Q6_K] = (256, 210), [GgmlType.Q8_K] = (256, 292), [GgmlType.IQ2_XXS] = (256, 66), [GgmlType.IQ2_XS] = (256, 74),
        [GgmlType.IQ3_XXS] = (256, 98), [GgmlType.IQ1_S] = (256, 50), [GgmlType.IQ3_S] = (256, 110), [GgmlType.IQ2_S] = (256, 82),
        [GgmlType.IQ4_XS] = (256, 136), [GgmlType.IQ1_M] = (256, 56), [GgmlType.TQ1_0] = (256, 54), [GgmlType.TQ2_0] = (256, 66),
    };

    // llama.cpp's llama_ftype, the value of general.file_type.
    private static readonly Dictionary<uint, string> FileTypes = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1",
        [10] = "Q2_K", [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M",
        [16] = "Q5_K_S", [17] = "Q5_K_M", [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S",
        [22] = "IQ3_XS", [23] = "IQ3_XXS", [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M",
        [28] = "IQ2_S", [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0",
        [37] = "TQ2_0", [38] = "MXFP4_MOE",
    };

    public static (ulong Elements, ulong Bytes)? BlockLayout(GgmlType type) => Layouts.TryGetValue(type, out var layout) ? layout : null;

    /// <summary>The usual name of a <c>general.file_type</c> value (15 → Q4_K_M), or null when unknown.</summary>
    public static string? FileTypeName(ulong fileType) => fileType <= uint.MaxValue && FileTypes.TryGetValue((uint)fileType, out var name) ? name : null;

    public static string Name(GgmlType type) => Enum.IsDefined(type) ? type.ToString() : $"type {(uint)type}";
}
