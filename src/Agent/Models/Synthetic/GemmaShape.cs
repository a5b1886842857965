namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// The architecture numbers of a Gemma 3 text model, as its published <c>config.json</c> gives them (Hugging Face
/// <c>google/gemma-3-270m</c>, <c>google/gemma-3-1b-it</c>, <c>google/gemma-3-4b-it</c>'s <c>text_config</c>; ADR 0018).
/// </summary>
/// <param name="Name">The short name (<c>270m</c>), as <c>model synth --shape</c> takes it.</param>
/// <param name="EmbeddingLength"><c>hidden_size</c>.</param>
/// <param name="FeedForwardLength"><c>intermediate_size</c>.</param>
/// <param name="BlockCount"><c>num_hidden_layers</c>.</param>
/// <param name="HeadCount"><c>num_attention_heads</c>.</param>
/// <param name="HeadCountKv"><c>num_key_value_heads</c>.</param>
/// <param name="HeadSize"><c>head_dim</c> (keys and values alike).</param>
/// <param name="ContextLength"><c>max_position_embeddings</c>.</param>
/// <param name="SlidingWindow"><c>sliding_window</c>: the span of the local layers' attention.</param>
/// <param name="SlidingWindowPattern">Every this-many-th layer is global, the rest local (<c>sliding_window_pattern</c>).</param>
/// <param name="RopeFreqBase"><c>rope_theta</c>, of the global layers.</param>
/// <param name="RopeFreqBaseLocal"><c>rope_local_base_freq</c>, of the sliding-window layers.</param>
/// <param name="RopeScalingFactor">The global layers' linear RoPE scaling factor (<c>rope_scaling.factor</c>); 1 for none.</param>
public sealed record GemmaShape(
    string Name,
    int EmbeddingLength,
    int FeedForwardLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int HeadSize,
    int ContextLength,
    int SlidingWindow,
    int SlidingWindowPattern,
    float RopeFreqBase,
    float RopeFreqBaseLocal,
    float RopeScalingFactor = 1f)
{
    /// <summary><c>rms_norm_eps</c>, the same in every Gemma 3 size.</summary>
    public float RmsEpsilon { get; init; } = 1e-6f;

    /// <summary>Gemma 3 270M: 18 layers of 640, 4 query heads over 1 KV head of 256, a 512-token window.</summary>
    public static GemmaShape Gemma3_270M { get; } = new("270m", 640, 2048, 18, 4, 1, 256, 32_768, 512, 6, 1_000_000f, 10_000f);

    /// <summary>Gemma 3 1B: 26 layers of 1152, 4 query heads over 1 KV head of 256, a 512-token window.</summary>
    public static GemmaShape Gemma3_1B { get; } = new("1b", 1152, 6912, 26, 4, 1, 256, 32_768, 512, 6, 1_000_000f, 10_000f);

    /// <summary>Gemma 3 4B (its text model): 34 layers of 2560, 8 query heads over 4 KV heads of 256, a 1024-token window,
    /// 128k context through linear RoPE scaling of 8 on the global layers.</summary>
    public static GemmaShape Gemma3_4B { get; } = new("4b", 2560, 10240, 34, 8, 4, 256, 131_072, 1024, 6, 1_000_000f, 10_000f, 8f);

    /// <summary>
    /// A few-megabyte model with whatever vocabulary it is given: one narrow layer, for what needs the vocabulary through
    /// llama.cpp (tokenizing, counting tokens) but not a real model's cost.
    /// </summary>
    public static GemmaShape VocabularyOnly { get; } = new("vocab", 32, 64, 1, 1, 1, 32, 8192, 512, 6, 1_000_000f, 10_000f);

    /// <summary>The shapes <c>model synth</c> writes, by name.</summary>
    public static IReadOnlyList<GemmaShape> Published { get; } = [Gemma3_270M, Gemma3_1B, Gemma3_4B];

    /// <summary>Parameters of the text model, token embedding included (tied to the output head, as in the real models).</summary>
    public long ParameterCount(int vocabularySize)
    {
        long e = EmbeddingLength, f = FeedForwardLength, q = (long)HeadSize * HeadCount, kv = (long)HeadSize * HeadCountKv;
        var layer = (e * q) + (2 * e * kv) + (q * e) + (3 * e * f) + (4 * e) + (2L * HeadSize);
        return (e * vocabularySize) + e + (BlockCount * layer);
    }
}
