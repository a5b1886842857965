using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// The on-disk form of one cached prefix: <c>CAPREFIX</c>, a format version, the key's settings and tokens, the state's
/// length, the llama.cpp sequence state, and a SHA-256 of everything before it. A file is written under a temporary name
/// and renamed into place, so a reader sees a whole file or none; one that is truncated, corrupt or made for another key
/// is refused with the reason (never with its content).
/// </summary>
internal static class PrefixCacheFile
{
    private const int FormatVersion = 1;
    private const int HashLength = 32;
    private static ReadOnlySpan<byte> Magic => "CAPREFIX"u8;

    /// <summary>Writes <paramref name="state"/> for <paramref name="key"/> to <paramref name="path"/> atomically; returns its size.</summary>
    /// <exception cref="IOException">The write or the rename failed; no temporary file is left behind.</exception>
    public static long Write(string path, PrefixCacheKey key, SequenceSnapshot state)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var header = Header(key, state.Length);
                hash.AppendData(header);
                stream.Write(header);
                state.WriteTo(stream, hash);
                stream.Write(hash.GetHashAndReset());
                // On disk before the rename, so a crash cannot leave a whole-looking name over missing bytes.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Maps and checks the file at <paramref name="path"/>: null with <paramref name="problem"/> null when there is none,
    /// null with the reason when it cannot be used for <paramref name="key"/>.
    /// </summary>
    public static unsafe PrefixCacheEntry? Open(string path, PrefixCacheKey key, out string? problem)
    {
        problem = null;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var entry = default(PrefixCacheEntry);
        try
        {
            var expected = Header(key, 0);
            var length = stream.Length;
            var stateLength = length - expected.Length - HashLength;
            if (stateLength <= 0)
            {
                problem = length < Magic.Length || !StartsWithMagic(stream) ? "not a prefix cache file" : "truncated";
                return null;
            }

            // The mapping outlives the stream (closed below): the view is mapped before.
            entry = new PrefixCacheEntry(
                MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true),
                expected.Length, stateLength);
            BinaryPrimitives.WriteInt64LittleEndian(expected.AsSpan(expected.Length - 8), stateLength);
            problem = Mismatch(new ReadOnlySpan<byte>(entry.Start, expected.Length), expected) ?? Checksum(entry.Start, length);
            if (problem is not null)
                return null;
            var opened = entry;
            entry = null;
            return opened;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"unreadable ({e.GetType().Name})";
            return null;
        }
        finally
        {
            entry?.Dispose();
            stream.Dispose();
        }
    }

    private static bool StartsWithMagic(FileStream stream)
    {
        Span<byte> head = stackalloc byte[8];
        stream.Position = 0;
        return stream.Read(head) == head.Length && head.SequenceEqual(Magic);
    }

    /// <summary>Which part of the header differs from the one the key expects, or null.</summary>
    private static string? Mismatch(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        var at = actual.CommonPrefixLength(expected);
        if (at == expected.Length)
            return null;
        var settingsEnd = 16 + BinaryPrimitives.ReadInt32LittleEndian(expected[12..]);
        return at switch
        {
            < 8 => "not a prefix cache file",
            < 12 => "written in another format version",
            _ when at < settingsEnd => "made for another model file, llama.cpp build or context settings",
            _ when at < expected.Length - 8 => "holds another prefix",
            _ => "truncated or extended",
        };
    }

    private static unsafe string? Checksum(byte* start, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = length - HashLength;
        for (long offset = 0; offset < body; offset += 1 << 24)
            hash.AppendData(new ReadOnlySpan<byte>(start + offset, (int)Math.Min(1 << 24, body - offset)));
        Span<byte> computed = stackalloc byte[HashLength];
        hash.GetHashAndReset(computed);
        return computed.SequenceEqual(new ReadOnlySpan<byte>(start + body, HashLength)) ? null : "corrupt (checksum mismatch)";
    }

    private static byte[] Header(PrefixCacheKey key, long stateLength)
    {
        var settings = Encoding.UTF8.GetBytes(key.Settings);
        var header = new byte[Magic.Length + 4 + 4 + settings.Length + 4 + (4 * key.Tokens.Length) + 8];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], settings.Length);
        settings.CopyTo(span[16..]);
        var at = 16 + settings.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], key.Tokens.Length);
        at += 4;
        foreach (var token in key.Tokens)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], (int)token);
            at += 4;
        }

        BinaryPrimitives.WriteInt64LittleEndian(span[at..], stateLength);
        return header;
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next prune.
        }
    }
}
