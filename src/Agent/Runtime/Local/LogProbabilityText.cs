using System.Text;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Turns recorded positions (token ids) into <see cref="TokenLogProbability"/> records with each token's text and bytes.</summary>
internal sealed class LogProbabilityText(LLamaWeights weights)
{
    private readonly Dictionary<LLamaToken, (string Text, byte[] Bytes)> _pieces = [];

    /// <summary>Positions <paramref name="from"/> up to <paramref name="to"/> (exclusive; the generated tokens only) of the recorder.</summary>
    public List<TokenLogProbability> Convert(LogitsRecorder recorder, int from, int to)
    {
        var list = new List<TokenLogProbability>(Math.Max(0, to - from));
        for (var i = from; i < to && i < recorder.Positions.Count; i++)
        {
            var position = recorder.Positions[i];
            var (text, bytes) = Piece(position.Token);
            var alternatives = position.Alternatives.Select(a =>
            {
                var (altText, altBytes) = Piece(a.Token);
                return new TokenAlternative(altText, altBytes, a.LogProbability);
            }).ToList();
            list.Add(new TokenLogProbability(text, bytes, position.LogProbability, alternatives));
        }

        return list;
    }

    private (string Text, byte[] Bytes) Piece(LLamaToken token)
    {
        if (_pieces.TryGetValue(token, out var known))
            return known;
        Span<byte> buffer = stackalloc byte[256];
        var length = (int)weights.NativeHandle.TokenToSpan(token, buffer, 0, false);
        var bytes = buffer[..Math.Min(length, buffer.Length)].ToArray();
        var piece = (Encoding.UTF8.GetString(bytes), bytes);
        _pieces[token] = piece;
        return piece;
    }
}
