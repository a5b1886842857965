using System.Globalization;
using System.Runtime.InteropServices;
using LLama.Common;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// The canonical description of what shapes a sequence's KV state besides its tokens: the model file's content (SHA-256),
/// the llama.cpp build and the kernels it runs (they round differently), and the context settings (size, batch sizes, KV
/// types, flash attention, the sliding-window cache, GPU offload). Two processes agree on it exactly when a state saved by
/// one is the state the other would compute.
/// </summary>
internal static class PrefixCacheSettings
{
    /// <summary>Bumped when this project's use of the state changes meaning.</summary>
    private const int Revision = 1;

    public static string Describe(string modelSha256, ModelParams parameters) => string.Join(';',
        $"revision={Revision}",
        $"model=sha256:{modelSha256}",
        $"llamasharp={typeof(ModelParams).Assembly.GetName().Version}",
        $"system={SystemInfo()}",
        $"context={parameters.ContextSize}",
        $"batch={parameters.BatchSize}",
        $"ubatch={parameters.UBatchSize}",
        // Unset ones print empty: llama.cpp's defaults, which the llama.cpp build above fixes.
        $"typek={parameters.TypeK}",
        $"typev={parameters.TypeV}",
        $"flash={parameters.FlashAttention}",
        $"swafull={parameters.SwaFull}",
        $"unified={parameters.KVUnified}",
        $"gpulayers={parameters.GpuLayerCount.ToString(CultureInfo.InvariantCulture)}");

    // llama.cpp's own summary of the loaded library: its backends and the CPU features its kernels use.
    private static string SystemInfo() => Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info())?.Trim() ?? "unknown";
}
