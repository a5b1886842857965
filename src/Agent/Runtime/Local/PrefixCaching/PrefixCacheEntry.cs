using System.IO.MemoryMappedFiles;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>A checked cache file, mapped into memory: its state goes straight from the page cache into llama.cpp.</summary>
internal sealed unsafe class PrefixCacheEntry : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _stateOffset;
    private bool _disposed;

    public PrefixCacheEntry(MemoryMappedFile file, long stateOffset, long stateLength)
    {
        _file = file;
        _view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Start = pointer + _view.PointerOffset;
        _stateOffset = stateOffset;
        StateLength = stateLength;
    }

    /// <summary>The file's first byte.</summary>
    public byte* Start { get; }

    /// <summary>Bytes of llama.cpp state.</summary>
    public long StateLength { get; }

    /// <summary>Loads the state into <paramref name="sequence"/> (call under the decode lock, into an empty sequence).
    /// False when llama.cpp refuses it; the sequence is then empty.</summary>
    public bool LoadInto(SafeLLamaContextHandle context, LLamaSeqId sequence) =>
        context.SetState(Start + _stateOffset, (nuint)StateLength, sequence) == (nuint)StateLength;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
