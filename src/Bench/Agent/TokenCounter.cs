using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace ClinicalAgent.Bench.Agent;

/// <summary>
/// Counts tokens with a GGUF model's own tokenizer (llama.cpp) when one is given, else with GPT-4o's o200k as a
/// stand-in: the ratio of two texts' counts moves little between BPE vocabularies of this size.
/// </summary>
internal sealed class TokenCounter : IDisposable
{
    private readonly LocalModel? _model;
    private readonly Tokenizer? _proxy;

    private TokenCounter(LocalModel? model, Tokenizer? proxy, string name)
    {
        _model = model;
        _proxy = proxy;
        Name = name;
    }

    /// <summary>Which tokenizer counts.</summary>
    public string Name { get; }

    public static TokenCounter Create(string? modelPath) => modelPath is null
        ? new TokenCounter(null, TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base (stand-in: no --model given)")
        : new TokenCounter(new LocalModel(Options.Create(new LocalModelOptions { ModelPath = modelPath, ContextSize = 512 })), null, Path.GetFileName(modelPath));

    public int Count(string text) => _model is not null ? _model.Tokenize(text).Count : _proxy!.CountTokens(text);

    public void Dispose() => _model?.Dispose();
}
