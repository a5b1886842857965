namespace ClinicalAgent.Agent.Models;

/// <summary>
/// The header of a GGUF file: version, metadata and tensor descriptions, read without touching the tensor
/// data, so reading a 3 GB model takes milliseconds. Bad input fails with an <see cref="InvalidDataException"/>
/// (or <see cref="FileNotFoundException"/>) whose message names the file.
/// </summary>
public sealed class GgufFile
{
    /// <summary>Arrays longer than this are counted but not kept (vocabularies run to 262k entries).</summary>
    public const int DefaultMaxArrayItems = 1024;

    private GgufFile(string path, uint version, long fileSize, IReadOnlyDictionary<string, object> metadata, IReadOnlyList<GgufTensorInfo> tensors, long dataOffset)
    {
        Path = path;
        Version = version;
        FileSize = fileSize;
        Metadata = metadata;
        Tensors = tensors;
        DataOffset = dataOffset;
    }

    public string Path { get; }

    public uint Version { get; }

    public long FileSize { get; }

    /// <summary>Values as .NET primitives (<see cref="uint"/>, <see cref="float"/>, <see cref="string"/>, …) or <see cref="GgufArray"/>.</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Where the tensor data section starts, in bytes from the start of the file.</summary>
    public long DataOffset { get; }

    public static GgufFile Read(string path, int maxArrayItems = DefaultMaxArrayItems)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model file at {path}.", path);
        }

        using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), 64 * 1024);
        var reader = new GgufReader(stream, path, maxArrayItems);
        var version = reader.ReadVersion();
        var tensorCount = reader.ReadCount("the tensor count");
        var metadataCount = reader.ReadCount("the metadata count");
        // Each metadata entry and tensor info needs well over 8 bytes; a larger count is garbage.
        if (tensorCount > (ulong)stream.Length / 8 || metadataCount > (ulong)stream.Length / 8)
        {
            throw new InvalidDataException(
                $"{path} is truncated or corrupt: the header claims {tensorCount} tensors and {metadataCount} metadata entries but the file has only {stream.Length} bytes.");
        }

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < metadataCount; i++)
        {
            var (key, value) = reader.ReadEntry();
            metadata[key] = value;
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (ulong i = 0; i < tensorCount; i++)
        {
            tensors.Add(reader.ReadTensorInfo());
        }

        var alignment = metadata.TryGetValue("general.alignment", out var a) && a is uint align and > 0 ? align : GgufFormat.DefaultAlignment;
        var dataOffset = (stream.Position + alignment - 1) / alignment * alignment;
        foreach (var tensor in tensors)
        {
            if (tensor.ByteSize is { } size && (ulong)dataOffset + tensor.Offset + size > (ulong)stream.Length)
            {
                throw new InvalidDataException(
                    $"{path} is truncated: tensor {tensor.Name} ends at byte {(ulong)dataOffset + tensor.Offset + size} but the file has {stream.Length} bytes.");
            }
        }

        return new GgufFile(path, version, stream.Length, metadata, tensors, dataOffset);
    }

    public string? GetString(string key) => Metadata.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>An integer entry of any integer type, or null when absent, negative or not an integer.</summary>
    public ulong? GetUInteger(string key) => Metadata.TryGetValue(key, out var value) ? value switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        sbyte v when v >= 0 => (ulong)v,
        short v when v >= 0 => (ulong)v,
        int v when v >= 0 => (ulong)v,
        long v when v >= 0 => (ulong)v,
        _ => null,
    } : null;
}
