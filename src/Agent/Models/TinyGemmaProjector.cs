namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Writes a random-weight Gemma 3 vision projector (an <c>mmproj</c> GGUF, architecture <c>clip</c>, projector type
/// <c>gemma3</c>) that belongs to <see cref="TinyGemmaModel"/>: a one-block SigLIP encoder over a 64×64 image in 8×8
/// patches, average-pooled 2×2 into <see cref="ImageTokens"/> tokens, RMS-normed and projected to the text model's
/// width. llama.cpp's mtmd loads it and encodes images with it in milliseconds; what it "sees" is noise, but the
/// image path (preprocessing, encoding, non-causal decoding of the embeddings) is the real one.
/// </summary>
/// <remarks>
/// The keys and tensor names are those llama.cpp's <c>tools/mtmd/clip.cpp</c> loads for the gemma3 projector (as a
/// real MedGemma/Gemma 3 mmproj holds them); the pooling factor, 4 in the real models, is read from
/// <c>clip.vision.projector.scale_factor</c>, which llama.cpp reads for small test projectors.
/// </remarks>
public static class TinyGemmaProjector
{
    public const string ProjectorType = "gemma3";
    public const int ImageSize = 64;
    public const int PatchSize = 8;
    public const int EmbeddingLength = 32;
    public const int FeedForwardLength = 48;
    public const int BlockCount = 1;
    public const int HeadCount = 2;
    public const int ScaleFactor = 2;

    /// <summary>Image tokens per image: (64 / 8 / 2)² = 16.</summary>
    public const int ImageTokens = ImageSize / PatchSize / ScaleFactor * (ImageSize / PatchSize / ScaleFactor);

    private const int Patches = ImageSize / PatchSize * (ImageSize / PatchSize);

    /// <summary>Writes the projector to <paramref name="path"/>; the same seed always gives the same bytes.</summary>
    public static void Write(string path, int seed = 1) => Build(seed).Save(path);

    /// <summary>The projector as an unsaved writer.</summary>
    public static GgufWriter Build(int seed = 1)
    {
        var random = new SplitMix64((ulong)seed ^ 0x5EED_1A6E);
        float[] half = [0.5f, 0.5f, 0.5f];
        var writer = new GgufWriter()
            .Add("general.architecture", ModelSummary.ProjectorArchitecture)
            .Add("general.name", "tiny-gemma3-mmproj")
            .Add("general.file_type", 1u)
            .Add("clip.has_vision_encoder", true)
            .Add("clip.has_audio_encoder", false)
            .Add("clip.projector_type", ProjectorType)
            .Add("clip.use_gelu", true)
            .Add("clip.vision.image_size", (uint)ImageSize)
            .Add("clip.vision.patch_size", (uint)PatchSize)
            .Add("clip.vision.embedding_length", (uint)EmbeddingLength)
            .Add("clip.vision.feed_forward_length", (uint)FeedForwardLength)
            .Add("clip.vision.block_count", (uint)BlockCount)
            .Add("clip.vision.projection_dim", (uint)TinyGemmaModel.EmbeddingLength)
            .Add("clip.vision.attention.head_count", (uint)HeadCount)
            .Add("clip.vision.attention.layer_norm_epsilon", 1e-6f)
            .Add("clip.vision.image_mean", half)
            .Add("clip.vision.image_std", half)
            .Add("clip.vision.projector.scale_factor", (uint)ScaleFactor);

        const ulong e = EmbeddingLength, f = FeedForwardLength, p = PatchSize;
        // The patch embedding is a convolution kernel [width, height, channels, filters], F16 as converters write it.
        Random(writer, random, "v.patch_embd.weight", [p, p, 3, e], p * p * 3, GgmlType.F16);
        Constant(writer, "v.patch_embd.bias", e, 0f);
        Random(writer, random, "v.position_embd.weight", [e, Patches], e, GgmlType.F32);
        for (var layer = 0; layer < BlockCount; layer++)
        {
            var prefix = $"v.blk.{layer}.";
            foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_out" })
            {
                Random(writer, random, prefix + name + ".weight", [e, e], e, GgmlType.F16);
                Constant(writer, prefix + name + ".bias", e, 0f);
            }

            LayerNorm(writer, prefix + "ln1", e);
            LayerNorm(writer, prefix + "ln2", e);
            // ggml matrices are [inputs, outputs]; the down projection's input is the wider side, so the loader
            // never takes the pair for the swapped layout of old conversions.
            Random(writer, random, prefix + "ffn_up.weight", [e, f], e, GgmlType.F16);
            Constant(writer, prefix + "ffn_up.bias", f, 0f);
            Random(writer, random, prefix + "ffn_down.weight", [f, e], f, GgmlType.F16);
            Constant(writer, prefix + "ffn_down.bias", e, 0f);
        }

        LayerNorm(writer, "v.post_ln", e);
        Constant(writer, "mm.soft_emb_norm.weight", e, 1f);
        // [text width, vision width]: the graph multiplies by its transpose.
        Random(writer, random, "mm.input_projection.weight", [(ulong)TinyGemmaModel.EmbeddingLength, e], e, GgmlType.F16);
        return writer;
    }

    private static void LayerNorm(GgufWriter writer, string name, ulong size)
    {
        Constant(writer, name + ".weight", size, 1f);
        Constant(writer, name + ".bias", size, 0f);
    }

    private static void Constant(GgufWriter writer, string name, ulong size, float value) =>
        writer.AddTensor(name, [size], GgmlType.F32, Enumerable.Repeat(value, (int)size).ToArray());

    private static void Random(GgufWriter writer, SplitMix64 random, string name, ulong[] dimensions, ulong fanIn, GgmlType type)
    {
        var values = new float[dimensions.Aggregate(1UL, (a, d) => a * d)];
        var scale = 2f / MathF.Sqrt(fanIn);
        for (var i = 0; i < values.Length; i++)
            values[i] = random.NextSigned() * scale;
        writer.AddTensor(name, dimensions, type, values);
    }
}
