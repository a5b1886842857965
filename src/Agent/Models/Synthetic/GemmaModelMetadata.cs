namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// The GGUF metadata of a <c>gemma3</c> text model, the keys llama.cpp's loader reads (architecture numbers under
/// <c>gemma3.</c>, the SentencePiece tokenizer under <c>tokenizer.ggml.</c>), shared by the tiny test model and the
/// realistic synthetic ones so both stay loadable the same way.
/// </summary>
internal static class GemmaModelMetadata
{
    public const string Architecture = "gemma3";

    /// <summary>llama.cpp's <c>general.file_type</c> for a model stored mostly as <paramref name="type"/>.</summary>
    public static uint FileType(GgmlType type) => type switch
    {
        GgmlType.F32 => 0,
        GgmlType.F16 => 1,
        GgmlType.Q8_0 => 7,
        _ => throw new NotSupportedException($"No file type for mostly-{type} models here."),
    };

    /// <summary>Adds the architecture and tokenizer metadata, in a fixed order so the same inputs give the same bytes.</summary>
    public static GgufWriter Add(GgufWriter writer, string name, GgmlType type, GemmaShape shape, GemmaVocabulary vocabulary)
    {
        writer
            .Add("general.architecture", Architecture)
            .Add("general.name", name)
            .Add("general.file_type", FileType(type))
            .Add("gemma3.context_length", (uint)shape.ContextLength)
            .Add("gemma3.embedding_length", (uint)shape.EmbeddingLength)
            .Add("gemma3.block_count", (uint)shape.BlockCount)
            .Add("gemma3.feed_forward_length", (uint)shape.FeedForwardLength)
            .Add("gemma3.attention.head_count", (uint)shape.HeadCount)
            .Add("gemma3.attention.head_count_kv", (uint)shape.HeadCountKv)
            .Add("gemma3.attention.key_length", (uint)shape.HeadSize)
            .Add("gemma3.attention.value_length", (uint)shape.HeadSize)
            .Add("gemma3.attention.layer_norm_rms_epsilon", shape.RmsEpsilon)
            .Add("gemma3.attention.sliding_window", (uint)shape.SlidingWindow)
            // llama.cpp builds of LLamaSharp 0.30 fix the pattern at 6 for gemma3; later ones read this key.
            .Add("gemma3.attention.sliding_window_pattern", (uint)shape.SlidingWindowPattern)
            .Add("gemma3.rope.freq_base", shape.RopeFreqBase)
            .Add("gemma3.rope.freq_base_swa", shape.RopeFreqBaseLocal);
        if (shape.RopeScalingFactor != 1f)
        {
            writer.Add("gemma3.rope.scaling.type", "linear").Add("gemma3.rope.scaling.factor", shape.RopeScalingFactor);
        }

        return writer
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", vocabulary.Tokens)
            .Add("tokenizer.ggml.scores", vocabulary.Scores)
            .Add("tokenizer.ggml.token_type", vocabulary.Types)
            .Add("tokenizer.ggml.bos_token_id", (uint)vocabulary.BosId)
            .Add("tokenizer.ggml.eos_token_id", (uint)vocabulary.EosId)
            .Add("tokenizer.ggml.unknown_token_id", (uint)vocabulary.UnknownId)
            .Add("tokenizer.ggml.padding_token_id", (uint)vocabulary.PadId)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_eos_token", false)
            // Gemma's tokenizer does not prefix a space: "Hello" is one token, not "▁Hello".
            .Add("tokenizer.ggml.add_space_prefix", false)
            .Add("tokenizer.chat_template", TinyGemmaModel.ChatTemplate);
    }
}
