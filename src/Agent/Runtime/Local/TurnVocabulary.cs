using System.Text;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The tokens that end a reply and those a reply must never contain, read once from the vocabulary.</summary>
internal sealed class TurnVocabulary
{
    private readonly SafeLlamaModelHandle.Vocabulary _vocab;
    private readonly LLamaToken? _endOfTurn;
    private readonly LLamaToken? _startOfTurn;

    public TurnVocabulary(LLamaWeights weights)
    {
        _vocab = weights.Vocab;
        _endOfTurn = SingleToken(weights, "<end_of_turn>");
        _startOfTurn = SingleToken(weights, "<start_of_turn>");
        Banned = BannedControlTokens();
        BannedUnderGrammar = WithRiskyLeadBytes(weights, Banned);
    }

    /// <summary>
    /// <see cref="Banned"/>, plus the byte-fallback tokens that could start invalid UTF-8 the grammar would take for
    /// a character: llama.cpp decodes code points without checking overlong forms, surrogates or the top of the
    /// range, so C0/C1 (always overlong), E0 and F0 (overlong below A0/90), ED (surrogates), F4 (beyond U+10FFFF) and
    /// F5–FF are masked while a grammar is active. A character with those lead bytes can still come as a whole
    /// vocabulary token; only its byte-by-byte spelling is ruled out, so a tool argument always decodes to what
    /// the grammar counted.
    /// </summary>
    public IReadOnlyDictionary<LLamaToken, float> BannedUnderGrammar { get; }

    /// <summary>
    /// Control tokens a reply must never contain (turn markers, BOS, padding, unused slots), except the
    /// end of turn and MedGemma's thinking delimiters, each with a bias of negative infinity. A grammar
    /// sees a control token as its literal text ("&lt;start_of_turn&gt;" fits inside a JSON string)
    /// while the decoder drops it, so they are masked out of sampling altogether.
    /// </summary>
    public IReadOnlyDictionary<LLamaToken, float> Banned { get; }

    /// <summary>Whether the model ends its turn with <paramref name="token"/>.</summary>
    public bool EndsTurn(LLamaToken token) =>
        token.IsEndOfGeneration(_vocab) || token == _endOfTurn || token == _startOfTurn;

    private Dictionary<LLamaToken, float> BannedControlTokens()
    {
        var banned = new Dictionary<LLamaToken, float>();
        for (var id = 0; id < _vocab.Count; id++)
        {
            var token = (LLamaToken)id;
            if (!token.IsControl(_vocab) || token.IsEndOfGeneration(_vocab) || token == _endOfTurn)
                continue;
            var name = _vocab.LLamaTokenToString(token, isSpecialToken: true);
            if (name is ReplyProtocol.ThoughtStart or ReplyProtocol.ThoughtEnd)
                continue;
            banned[token] = float.NegativeInfinity;
        }

        return banned;
    }

    private static Dictionary<LLamaToken, float> WithRiskyLeadBytes(LLamaWeights weights, IReadOnlyDictionary<LLamaToken, float> banned)
    {
        var result = new Dictionary<LLamaToken, float>(banned);
        Span<byte> piece = stackalloc byte[8];
        for (var id = 0; id < weights.Vocab.Count; id++)
        {
            var length = weights.NativeHandle.TokenToSpan(id, piece, 0, false);
            if (length == 1 && piece[0] is 0xC0 or 0xC1 or 0xE0 or 0xED or 0xF0 or >= 0xF4)
                result[id] = float.NegativeInfinity;
        }

        return result;
    }

    private static LLamaToken? SingleToken(LLamaWeights weights, string text)
    {
        var tokens = weights.Tokenize(text, false, special: true, Encoding.UTF8);
        return tokens.Length == 1 ? tokens[0] : null;
    }
}
