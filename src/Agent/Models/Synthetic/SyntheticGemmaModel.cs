namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// Random-weight <c>gemma3</c> GGUFs with the real shapes of Gemma 3 (<see cref="GemmaShape"/>) and a real vocabulary
/// (<see cref="GemmaTokenizerJson"/>): they cost what the real models cost to load, evaluate and decode, and tokenize
/// text as the real models do, but say nothing meaningful. Written row by row, so a 4B model needs megabytes of memory.
/// </summary>
/// <remarks>The output head is tied to the token embedding, as in every Gemma 3 size, so the files have the real
/// sizes; random weights then tend to repeat a token, which costs the same to decode as any other.</remarks>
public static class SyntheticGemmaModel
{
    /// <summary>The tensor types <c>model synth --type</c> offers.</summary>
    public static IReadOnlyList<GgmlType> Types { get; } = [GgmlType.F16, GgmlType.Q8_0];

    /// <summary>Room kept free beyond the file's own size, for the header and the file system.</summary>
    private const long DiskMargin = 64L << 20;

    /// <summary>The model as an unsaved writer: metadata now, weights generated when it is written.</summary>
    public static GgufWriter Build(GemmaShape shape, GemmaVocabulary vocabulary, GgmlType type = GgmlType.F16, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (!Types.Contains(type))
            throw new ArgumentException($"Synthetic models are F16 or Q8_0, not {type}.", nameof(type));

        var writer = GemmaModelMetadata.Add(new GgufWriter(), $"synthetic-gemma3-{shape.Name}", type, shape, vocabulary);
        ulong e = (ulong)shape.EmbeddingLength, f = (ulong)shape.FeedForwardLength, h = (ulong)shape.HeadSize;
        ulong q = h * (ulong)shape.HeadCount, kv = h * (ulong)shape.HeadCountKv;
        Matrix(writer, seed, type, "token_embd.weight", e, (ulong)vocabulary.Tokens.Count);
        Norm(writer, "output_norm.weight", e);
        for (var layer = 0; layer < shape.BlockCount; layer++)
        {
            var p = $"blk.{layer}.";
            Norm(writer, p + "attn_norm.weight", e);
            Matrix(writer, seed, type, p + "attn_q.weight", e, q);
            Matrix(writer, seed, type, p + "attn_k.weight", e, kv);
            Matrix(writer, seed, type, p + "attn_v.weight", e, kv);
            Norm(writer, p + "attn_q_norm.weight", h);
            Norm(writer, p + "attn_k_norm.weight", h);
            Matrix(writer, seed, type, p + "attn_output.weight", q, e);
            Norm(writer, p + "post_attention_norm.weight", e);
            Norm(writer, p + "ffn_norm.weight", e);
            Matrix(writer, seed, type, p + "ffn_gate.weight", e, f);
            Matrix(writer, seed, type, p + "ffn_up.weight", e, f);
            Matrix(writer, seed, type, p + "ffn_down.weight", f, e);
            Norm(writer, p + "post_ffw_norm.weight", e);
        }

        return writer;
    }

    /// <summary>
    /// Writes <paramref name="writer"/> to <paramref name="path"/> through a <c>.partial</c> file renamed at the end, so
    /// an interrupted run never leaves a truncated model under the real name; returns the file's size.
    /// </summary>
    /// <exception cref="SyntheticModelException">The disk has no room for it, or the write failed.</exception>
    public static long Save(GgufWriter writer, string path)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var needed = (long)writer.TensorDataSize + DiskMargin;
        if (FreeSpace(folder) is { } free && free < needed)
            throw new SyntheticModelException($"Not enough disk space in {folder}: the model needs {ByteSize(needed)}, {ByteSize(free)} is free.");

        var partial = full + ".partial";
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                writer.WriteTo(stream);
            }

            File.Move(partial, full, overwrite: true);
            return new FileInfo(full).Length;
        }
        catch (IOException e)
        {
            File.Delete(partial);
            throw new SyntheticModelException($"Could not write {full}: {e.Message}");
        }
    }

    /// <summary>Free bytes on the file system holding <paramref name="folder"/> (the mount with the longest matching root); null when unknown.</summary>
    private static long? FreeSpace(string folder)
    {
        try
        {
            return DriveInfo.GetDrives()
                .Where(d => d.IsReady && folder.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
                .OrderByDescending(d => d.RootDirectory.FullName.Length)
                .Select(d => (long?)d.AvailableFreeSpace)
                .FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // FNV-1a: a stable hash of the tensor name (string.GetHashCode changes per process).
    private static ulong NameHash(string name)
    {
        var hash = 0xCBF2_9CE4_8422_2325UL;
        foreach (var c in name)
            hash = (hash ^ c) * 0x0100_0000_01B3UL;
        return hash;
    }

    private static string ByteSize(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):F1} GiB" : $"{bytes / (double)(1L << 20):F0} MiB";

    // Gemma's RMS norms are stored with the reference code's 1 + w baked in (as llama.cpp's converter writes them): ones
    // mean a plain normalisation. Norms stay F32, as converters keep them.
    private static void Norm(GgufWriter writer, string name, ulong size) =>
        writer.AddTensor(name, [size], GgmlType.F32, Enumerable.Repeat(1f, (int)size).ToArray());

    // Each row is seeded from the seed, the tensor's name and the row's index, so rows can be made in any order (in
    // parallel) and the same seed gives the same bytes. Scaled like a default initialisation so activations neither
    // vanish nor blow up through the layers.
    private static void Matrix(GgufWriter writer, int seed, GgmlType type, string name, ulong columns, ulong rows)
    {
        var tensorSeed = NameHash(name) ^ (ulong)seed;
        var scale = 2f / MathF.Sqrt(columns);
        writer.AddTensor(name, [columns, rows], type, (row, values) =>
        {
            var random = new SplitMix64(tensorSeed ^ (row * 0xD1B5_4A32_D192_ED03UL));
            for (var i = 0; i < values.Length; i++)
                values[i] = random.NextSigned() * scale;
        });
    }
}
