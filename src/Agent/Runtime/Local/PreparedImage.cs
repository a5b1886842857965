using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>An image decoded and preprocessed by mtmd, ready to encode: the chunk collection that owns it and its image chunk.</summary>
internal sealed class PreparedImage(SafeMtmdInputChunks chunks, IntPtr imageChunk, ImageLayout layout) : IDisposable
{
    public ImageLayout Layout { get; } = layout;

    /// <summary>The native image chunk; valid while this object lives.</summary>
    public IntPtr ImageChunk { get; } = imageChunk;

    public void Dispose() => chunks.Dispose();
}
