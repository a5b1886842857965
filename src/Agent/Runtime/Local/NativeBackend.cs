using System.Runtime.InteropServices;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Chooses llama.cpp's native library before the first native call of the process: a user's own build
/// (<see cref="LocalModelOptions.NativeLibraryPath"/>), or the packaged CPU library with the kernel set of
/// <see cref="LocalModelOptions.CpuKernels"/> (else <c>CLINICALAGENT_LLAMA_CPU</c>, else the best the CPU supports).
/// </summary>
internal static class NativeBackend
{
    /// <summary>The environment variable that picks the CPU kernels when <c>Model:CpuKernels</c> is not set.</summary>
    public const string CpuKernelsVariable = "CLINICALAGENT_LLAMA_CPU";

    private static readonly Lock Gate = new();
    private static string? _configured;

    /// <summary>Configures the library once; the same choice again is a no-op.</summary>
    /// <exception cref="ModelLoadException">The library is missing, the kernel name is unknown, or another
    /// choice was already loaded.</exception>
    public static void Use(string? libraryPath, string? cpuKernels = null)
    {
        var kernels = cpuKernels is { Length: > 0 } ? cpuKernels : Environment.GetEnvironmentVariable(CpuKernelsVariable);
        var level = ParseKernels(kernels);
        var path = string.IsNullOrEmpty(libraryPath) ? null : Path.GetFullPath(libraryPath);
        var choice = path ?? $"cpu:{level?.ToString() ?? "auto"}";
        lock (Gate)
        {
            if (_configured == choice)
            {
                return;
            }

            if (path is not null && !File.Exists(path))
            {
                throw new ModelLoadException(path, $"The llama.cpp library '{path}' (Model:NativeLibraryPath) does not exist.");
            }

            if (path is null && level is null)
            {
                _configured ??= choice; // LLamaSharp's own default (the best kernels for this CPU), or what was chosen before
                return;
            }

            try
            {
                if (path is not null)
                {
                    NativeLibraryConfig.All.WithLibrary(path, null);
                }
                else
                {
                    NativeLibraryConfig.All.WithAvx(level!.Value);
                }

                _configured = choice;
            }
            catch (Exception e) when (e is InvalidOperationException or LLama.Exceptions.RuntimeError)
            {
                throw new ModelLoadException(path ?? "",
                    $"Cannot switch llama.cpp to {choice}: a native library is already loaded in this process. Set Model:NativeLibraryPath and Model:CpuKernels before the first model loads.", e);
            }
        }
    }

    /// <summary>The CPU features of the loaded llama.cpp build, as it reports them (e.g. <c>CPU : SSE3 = 1 | AVX = 1 | …</c>).</summary>
    public static string SystemInfo() => Marshal.PtrToStringAnsi(NativeApi.llama_print_system_info()) ?? "";

    /// <summary><c>auto</c> (or empty) = null; <c>noavx</c>, <c>avx</c>, <c>avx2</c>, <c>avx512</c>.</summary>
    private static AvxLevel? ParseKernels(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "noavx" or "none" => AvxLevel.None,
        "avx" => AvxLevel.Avx,
        "avx2" => AvxLevel.Avx2,
        "avx512" => AvxLevel.Avx512,
        _ => throw new ModelLoadException("", $"Model:CpuKernels (or {CpuKernelsVariable}) '{name}' is unknown; use auto, noavx, avx, avx2 or avx512."),
    };
}
