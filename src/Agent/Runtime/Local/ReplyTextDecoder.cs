using System.Text;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Turns sampled tokens into text as they arrive. Multi-byte UTF-8 split across tokens is held until
/// complete; control tokens are invisible except MedGemma's thinking delimiters, which the parser needs.
/// </summary>
internal sealed class ReplyTextDecoder
{
    private readonly LLamaWeights _weights;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StringBuilder _text = new();

    public ReplyTextDecoder(LLamaWeights weights)
    {
        _weights = weights;
        _decoder = new StreamingTokenDecoder(Encoding.UTF8, weights) { DecodeSpecialTokens = false };
    }

    /// <summary>Everything decoded so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Adds a token and returns the text it completes (often empty).</summary>
    public string Add(LLamaToken token)
    {
        string piece;
        if (token.IsControl(_weights.Vocab))
        {
            piece = _decoder.Read();
            var name = _weights.Vocab.LLamaTokenToString(token, isSpecialToken: true);
            if (name is ReplyProtocol.ThoughtStart or ReplyProtocol.ThoughtEnd)
                piece += name;
        }
        else
        {
            _decoder.Add(token);
            piece = _decoder.Read();
        }

        _text.Append(piece);
        return piece;
    }
}
