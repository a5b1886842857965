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
    }

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

    private static LLamaToken? SingleToken(LLamaWeights weights, string text)
    {
        var tokens = weights.Tokenize(text, false, special: true, Encoding.UTF8);
        return tokens.Length == 1 ? tokens[0] : null;
    }
}
