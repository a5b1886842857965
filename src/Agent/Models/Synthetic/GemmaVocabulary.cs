namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// A SentencePiece-style vocabulary as a GGUF stores it: token texts, scores and llama.cpp token types, index = id,
/// and the ids of the special tokens.
/// </summary>
public sealed record GemmaVocabulary(IReadOnlyList<string> Tokens, IReadOnlyList<float> Scores, IReadOnlyList<int> Types, int BosId, int EosId, int UnknownId, int PadId)
{
    /// <summary>llama.cpp's <c>llama_token_type</c> values, as <c>tokenizer.ggml.token_type</c> holds them.</summary>
    public const int Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Byte = 6;
}
