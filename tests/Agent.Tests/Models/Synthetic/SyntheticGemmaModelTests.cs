using System.Buffers.Binary;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using LLama;
using LLama.Common;
using LLama.Sampling;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

[Collection(SyntheticVocabularyCollection.Name)]
public sealed class SyntheticGemmaModelTests(SyntheticVocabularyFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-synthtest-").FullName;

    [Theory]
    // The published sizes of the text models: 268M (170M of it embeddings), 1.0B, 3.88B (the 4B's vision tower aside).
    [InlineData("270m", 268_000_000L)]
    [InlineData("1b", 1_000_000_000L)]
    [InlineData("4b", 3_880_000_000L)]
    public void ParameterCount_PublishedShapes_MatchThePublishedSizes(string name, long published)
    {
        var shape = GemmaShape.Published.Single(s => s.Name == name);

        var count = shape.ParameterCount(262_144);

        Assert.InRange(count, published * 0.995, published * 1.005);
    }

    [Theory]
    [InlineData(GgmlType.F16, 1u)]
    [InlineData(GgmlType.Q8_0, 7u)]
    public void Save_ReducedShape_HeaderHasTheShapeAndTypes(GgmlType type, uint fileType)
    {
        var shape = GemmaShape.Gemma3_4B with { BlockCount = 1, EmbeddingLength = 64, FeedForwardLength = 128, HeadSize = 32 };
        var path = Path.Combine(_folder, $"m-{type}.gguf");
        var writer = SyntheticGemmaModel.Build(shape, Small(), type);

        var size = SyntheticGemmaModel.Save(writer, path);

        var file = GgufFile.Read(path);
        Assert.Equal(fileType, Convert.ToUInt32(file.Metadata["general.file_type"]));
        Assert.Equal(1024u, file.Metadata["gemma3.attention.sliding_window"]);
        Assert.Equal(8u, file.Metadata["gemma3.attention.head_count"]);
        Assert.Equal(4u, file.Metadata["gemma3.attention.head_count_kv"]);
        Assert.Equal(131_072u, file.Metadata["gemma3.context_length"]);
        Assert.Equal(8f, file.Metadata["gemma3.rope.scaling.factor"]);
        Assert.Equal(10_000f, file.Metadata["gemma3.rope.freq_base_swa"]);
        Assert.Equal(type, file.Tensors.Single(t => t.Name == "blk.0.ffn_down.weight").Type);
        Assert.Equal(GgmlType.F32, file.Tensors.Single(t => t.Name == "blk.0.attn_norm.weight").Type);
        // Tied embeddings, as in the real models.
        Assert.DoesNotContain(file.Tensors, t => t.Name == "output.weight");
        Assert.Equal(size, file.DataOffset + (long)writer.TensorDataSize);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void Save_SameSeedTwice_WritesIdenticalBytes()
    {
        var shape = GemmaShape.VocabularyOnly;
        var first = Path.Combine(_folder, "a.gguf");
        var second = Path.Combine(_folder, "b.gguf");
        var other = Path.Combine(_folder, "c.gguf");

        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(shape, Small(), GgmlType.Q8_0, seed: 3), first);
        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(shape, Small(), GgmlType.Q8_0, seed: 3), second);
        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(shape, Small(), GgmlType.Q8_0, seed: 4), other);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
    }

    [Fact]
    public void WriteTo_StreamedTensor_EqualsTheSameValuesGivenAtOnce()
    {
        var values = Enumerable.Range(0, 64 * 300).Select(i => MathF.Sin(i) * 3).ToArray();
        var streamed = new GgufWriter().AddTensor("t", [64, 300], GgmlType.Q8_0, (row, span) => values.AsSpan((int)row * 64, 64).CopyTo(span));
        var eager = new GgufWriter().AddTensor("t", [64, 300], GgmlType.Q8_0, values);

        Assert.Equal(Bytes(eager), Bytes(streamed));
        // 300 rows of two 34-byte blocks, padded to the 32-byte alignment.
        Assert.Equal((300UL * 2 * 34 + 31) / 32 * 32, streamed.TensorDataSize);
    }

    [Fact]
    public void Encode_Q8_0_ValuesComeBackWithinHalfAStep()
    {
        var values = Enumerable.Range(0, 64).Select(i => (i - 20) * 0.37f).ToArray();
        var bytes = new byte[GgmlEncoding.Size(GgmlType.Q8_0, 64)];

        GgmlEncoding.Encode(GgmlType.Q8_0, values, bytes);

        for (var block = 0; block < 2; block++)
        {
            var scale = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(block * 34));
            for (var i = 0; i < 32; i++)
            {
                var decoded = (sbyte)bytes[(block * 34) + 2 + i] * scale;
                Assert.InRange(decoded - values[(block * 32) + i], -scale * 0.51f, scale * 0.51f);
            }
        }
    }

    [Fact]
    public void Encode_Q8_0_RowNotWholeBlocks_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [40, 2], GgmlType.Q8_0, (_, _) => { }));
    }

    [Fact]
    [Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
    public void LoadFromFile_VocabularyModel_HasTheRealVocabularyAndTheShape()
    {
        Assert.Equal(262_144, model.Weights.Vocab.Count);
        Assert.Equal(GemmaShape.VocabularyOnly.EmbeddingLength, model.Weights.EmbeddingSize);
        Assert.Equal("gemma3", model.Weights.Metadata["general.architecture"]);
    }

    [Fact]
    [Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
    public async Task InferAsync_Q8Model_GeneratesTokensUnderAGrammar()
    {
        var executor = new StatelessExecutor(model.Weights, model.Parameters) { ApplyTemplate = false };
        // Random weights say nothing: a narrow grammar makes what is sampled checkable on any CPU.
        var inference = new InferenceParams
        {
            MaxTokens = 12,
            SamplingPipeline = new DefaultSamplingPipeline { Seed = 7, Grammar = new Grammar("root ::= \"K+ \" [0-9] \".\" [0-9] \" mmol/L\"", "root") },
        };
        var text = "";

        await foreach (var piece in executor.InferAsync("<start_of_turn>user\npotassium?<end_of_turn>\n<start_of_turn>model\n", inference))
            text += piece;

        Assert.Matches(@"^K\+ [0-9]\.[0-9] mmol/L$", text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The real vocabulary's first thousand tokens: enough for a header test, small enough to write in milliseconds.
    private GemmaVocabulary Small() => model.Vocabulary with
    {
        Tokens = model.Vocabulary.Tokens.Take(1024).ToArray(),
        Scores = model.Vocabulary.Scores.Take(1024).ToArray(),
        Types = model.Vocabulary.Types.Take(1024).ToArray(),
    };

    private static byte[] Bytes(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }
}
