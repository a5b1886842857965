using System.Runtime.InteropServices;
using System.Security.Cryptography;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// One sequence's KV state copied out of the llama.cpp context into native memory (a 1B model's prefix of a few
/// thousand tokens is tens of megabytes), so it can be written to disk after the decode lock is released.
/// </summary>
internal sealed unsafe class SequenceSnapshot : IDisposable
{
    private const int Chunk = 1 << 24;
    private byte* _memory;

    private SequenceSnapshot(byte* memory, long length)
    {
        _memory = memory;
        Length = length;
    }

    /// <summary>Bytes of state.</summary>
    public long Length { get; }

    /// <summary>Copies <paramref name="sequence"/>'s state; call under the decode lock.</summary>
    /// <exception cref="InvalidOperationException">llama.cpp wrote no state.</exception>
    public static SequenceSnapshot Capture(SafeLLamaContextHandle context, LLamaSeqId sequence)
    {
        var size = context.GetStateSize(sequence);
        var memory = (byte*)NativeMemory.Alloc(size);
        var written = context.GetState(memory, size, sequence);
        if (written == 0)
        {
            NativeMemory.Free(memory);
            throw new InvalidOperationException($"llama.cpp wrote no state for sequence {sequence.Value}.");
        }

        return new SequenceSnapshot(memory, (long)written);
    }

    /// <summary>A snapshot holding a copy of <paramref name="state"/> (for writing a file without a context).</summary>
    public static SequenceSnapshot Copy(ReadOnlySpan<byte> state)
    {
        var memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, state.Length));
        state.CopyTo(new Span<byte>(memory, state.Length));
        return new SequenceSnapshot(memory, state.Length);
    }

    /// <summary>Writes the state to <paramref name="stream"/>, adding it to <paramref name="hash"/>.</summary>
    public void WriteTo(Stream stream, IncrementalHash hash)
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        for (long offset = 0; offset < Length; offset += Chunk)
        {
            var span = new ReadOnlySpan<byte>(_memory + offset, (int)Math.Min(Chunk, Length - offset));
            hash.AppendData(span);
            stream.Write(span);
        }
    }

    public void Dispose()
    {
        if (_memory is null)
            return;
        NativeMemory.Free(_memory);
        _memory = null;
    }
}
