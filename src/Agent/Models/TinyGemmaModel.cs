using ClinicalAgent.Agent.Models.Synthetic;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Writes a random-weight <c>gemma3</c> GGUF of about a quarter of a megabyte that llama.cpp loads and runs
/// in milliseconds. Its text is nonsense, but it exercises the real tokenizer, chat template, sampling and
/// grammar path, which is what tests of the model runtime need.
/// </summary>
public static class TinyGemmaModel
{
    public const string Architecture = GemmaModelMetadata.Architecture;
    public const int EmbeddingLength = 64;
    public const int FeedForwardLength = 128;
    public const int BlockCount = 2;
    public const int HeadCount = 4;
    public const int HeadCountKv = 1;
    public const int HeadSize = EmbeddingLength / HeadCount;
    public const int ContextLength = 2048;

    /// <summary>The tiny model's numbers; with two layers, a sliding-window pattern of 2 makes one of them global, as in the real models' mix.</summary>
    public static GemmaShape Shape { get; } = new("tiny", EmbeddingLength, FeedForwardLength, BlockCount, HeadCount, HeadCountKv, HeadSize, ContextLength, 512, 2, 1_000_000f, 10_000f);

    /// <summary>The Gemma chat template (as published with the Gemma instruction-tuned models); llama.cpp recognises it by its turn markers.</summary>
    public const string ChatTemplate =
        "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
        + "{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        + "{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}"
        + "{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}";

    /// <summary>Writes the model to <paramref name="path"/>; the same seed always gives the same bytes.</summary>
    public static void Write(string path, int seed = 1) => Build(seed).Save(path);

    /// <summary>The model as an unsaved writer, for tests that want to add or change something first.</summary>
    public static GgufWriter Build(int seed = 1)
    {
        var (tokens, scores, types) = TinyGemmaVocabulary.Build();
        var vocab = (ulong)tokens.Length;
        var random = new SplitMix64((ulong)seed);
        var writer = GemmaModelMetadata.Add(new GgufWriter(), "tiny-gemma3", GgmlType.F16, Shape,
            new GemmaVocabulary(tokens, scores, types, TinyGemmaVocabulary.BosId, TinyGemmaVocabulary.EosId, TinyGemmaVocabulary.UnknownId, TinyGemmaVocabulary.PadId));

        const ulong e = EmbeddingLength, f = FeedForwardLength, h = HeadSize;
        // The image delimiters came later: their rows come from a stream of their own, so every other weight (and so
        // what the model samples for a given seed) stayed what it was before they were added.
        var late = (ulong)TinyGemmaVocabulary.LateTokens;
        var lateRandom = new SplitMix64((ulong)seed ^ 0x1A7E_70C5);
        Matrix(writer, random, "token_embd.weight", e, vocab, late, lateRandom);
        Norm(writer, "output_norm.weight", e);
        // An untied output head: with tied random weights the model keeps repeating one token.
        Matrix(writer, random, "output.weight", e, vocab, late, lateRandom);
        for (var layer = 0; layer < BlockCount; layer++)
        {
            var p = $"blk.{layer}.";
            Norm(writer, p + "attn_norm.weight", e);
            Matrix(writer, random, p + "attn_q.weight", e, h * HeadCount);
            Matrix(writer, random, p + "attn_k.weight", e, h * HeadCountKv);
            Matrix(writer, random, p + "attn_v.weight", e, h * HeadCountKv);
            Norm(writer, p + "attn_q_norm.weight", h);
            Norm(writer, p + "attn_k_norm.weight", h);
            Matrix(writer, random, p + "attn_output.weight", h * HeadCount, e);
            Norm(writer, p + "post_attention_norm.weight", e);
            Norm(writer, p + "ffn_norm.weight", e);
            Matrix(writer, random, p + "ffn_gate.weight", e, f);
            Matrix(writer, random, p + "ffn_up.weight", e, f);
            Matrix(writer, random, p + "ffn_down.weight", f, e);
            Norm(writer, p + "post_ffw_norm.weight", e);
        }

        return writer;
    }

    // Gemma's RMS norms multiply by (1 + w) in the reference code but llama.cpp's converter bakes the 1 in,
    // so ones here mean a plain normalisation. Norms stay F32, as converters write them.
    private static void Norm(GgufWriter writer, string name, ulong size) =>
        writer.AddTensor(name, [size], GgmlType.F32, Enumerable.Repeat(1f, (int)size).ToArray());

    private static void Matrix(GgufWriter writer, SplitMix64 random, string name, ulong columns, ulong rows,
        ulong lateRows = 0, SplitMix64? late = null)
    {
        var values = new float[columns * rows];
        // Scaled like a default initialisation so activations neither vanish nor blow up through the layers.
        var scale = 1f / MathF.Sqrt(columns);
        var early = (int)(columns * (rows - lateRows));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i < early ? random : late!).NextSigned() * scale * 2f;
        }

        writer.AddTensor(name, [columns, rows], GgmlType.F16, values);
    }
}
