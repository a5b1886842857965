namespace ClinicalAgent.Agent.Models;

/// <summary>Constants of the GGUF container shared by the reader and the writer.</summary>
internal static class GgufFormat
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The version this code writes; the reader also accepts 2, whose layout is the same.</summary>
    public const uint Version = 3;

    /// <summary>Tensor data alignment when <c>general.alignment</c> is absent.</summary>
    public const int DefaultAlignment = 32;

    /// <summary>ggml's GGML_MAX_DIMS: a tensor with more dimensions means a corrupt file.</summary>
    public const int MaxDimensions = 4;
}
