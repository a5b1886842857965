using System.Diagnostics;
using System.Text;
using ClinicalAgent.Agent.Models;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Xunit.Abstractions;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Models;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class TinyGemmaModelTests(TinyModelFixture model, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-tinytest-").FullName;

    [Fact]
    public void Write_Default_FileIsUnderOneMegabyte()
    {
        var size = new FileInfo(model.ModelPath).Length;

        output.WriteLine($"tiny model: {size:N0} bytes");
        Assert.InRange(size, 100_000, 1_000_000);
    }

    [Fact]
    public void Write_SameSeedTwice_WritesIdenticalBytes()
    {
        var first = Path.Combine(_folder, "a.gguf");
        var second = Path.Combine(_folder, "b.gguf");
        var other = Path.Combine(_folder, "c.gguf");

        TinyGemmaModel.Write(first, seed: 5);
        TinyGemmaModel.Write(second, seed: 5);
        TinyGemmaModel.Write(other, seed: 6);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
    }

    [Fact]
    public void LoadFromFile_TinyModel_LoadsQuickly()
    {
        var stopwatch = Stopwatch.StartNew();

        using var weights = LLamaWeights.LoadFromFile(model.Parameters);

        stopwatch.Stop();
        output.WriteLine($"load: {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(TinyGemmaModel.EmbeddingLength, weights.EmbeddingSize);
        Assert.Equal(TinyGemmaVocabulary.Build().Tokens.Length, weights.Vocab.Count);
        Assert.True(stopwatch.ElapsedMilliseconds < 5_000, $"load took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Tokenize_ChatTurn_TurnMarkersAreSingleControlTokens()
    {
        const string turn = "<start_of_turn>user\nhi<end_of_turn>\n";

        var tokens = model.Weights.Tokenize(turn, add_bos: false, special: true, Encoding.UTF8);

        var ids = tokens.Select(t => (int)t).ToArray();
        Assert.Equal(TinyGemmaVocabulary.StartOfTurnId, ids[0]);
        Assert.Contains(TinyGemmaVocabulary.EndOfTurnId, ids);
        Assert.Equal(2, ids.Count(id => id is TinyGemmaVocabulary.StartOfTurnId or TinyGemmaVocabulary.EndOfTurnId));
        Assert.Equal(turn, Detokenize(tokens));
    }

    [Fact]
    public void Tokenize_Json_RoundTripsWithoutUnknownTokens()
    {
        const string json = "{\"name\": \"get_observations\", \"arguments\": {\"code\": \"2823-3\", \"count\": 1}}";

        var tokens = model.Weights.Tokenize(json, add_bos: true, special: false, Encoding.UTF8);

        Assert.Equal(TinyGemmaVocabulary.BosId, (int)tokens[0]);
        Assert.DoesNotContain(TinyGemmaVocabulary.UnknownId, tokens.Select(t => (int)t));
        Assert.Equal(json, Detokenize(tokens[1..]));
    }

    [Fact]
    public async Task InferAsync_StatelessExecutor_GeneratesTokens()
    {
        var executor = new StatelessExecutor(model.Weights, model.Parameters) { ApplyTemplate = false };
        var inference = new InferenceParams { MaxTokens = 8, SamplingPipeline = new DefaultSamplingPipeline { Seed = 7 } };
        var pieces = new List<string>();

        await foreach (var piece in executor.InferAsync("<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n", inference))
        {
            pieces.Add(piece);
        }

        output.WriteLine($"generated: {string.Concat(pieces)}");
        Assert.NotEmpty(pieces);
        Assert.False(string.IsNullOrEmpty(string.Concat(pieces)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Detokenize(IEnumerable<LLama.Native.LLamaToken> tokens)
    {
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, model.Weights) { DecodeSpecialTokens = true };
        decoder.AddRange(tokens.ToArray());
        return decoder.Read();
    }
}
