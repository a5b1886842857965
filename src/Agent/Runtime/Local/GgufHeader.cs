using System.Buffers.Binary;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Checks a model file before native code sees it: llama.cpp answers a wrong file with a bare null
/// handle (or worse), so the error would not say which file or why.
/// </summary>
internal static class GgufHeader
{
    private static ReadOnlySpan<byte> Magic => "GGUF"u8;

    /// <summary>Throws <see cref="ModelLoadException"/> unless <paramref name="path"/> is a readable GGUF file.</summary>
    public static void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ModelLoadException(path ?? "", "No model file is configured: set Model:ModelPath to a GGUF file.");

        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ModelLoadException(full, $"The model file '{full}' does not exist.");

        Span<byte> head = stackalloc byte[8];
        int read;
        try
        {
            using var stream = File.OpenRead(full);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(full, $"The model file '{full}' cannot be read: {e.Message}", e);
        }

        if (read < head.Length || !head[..4].SequenceEqual(Magic))
            throw new ModelLoadException(full, $"The model file '{full}' is not a GGUF file (it does not start with the GGUF magic bytes).");

        var version = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (version is < 2 or > 3)
            throw new ModelLoadException(full, $"The model file '{full}' is GGUF version {version}; llama.cpp reads versions 2 and 3.");
    }
}
