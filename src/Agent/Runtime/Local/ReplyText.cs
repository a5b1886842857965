using System.Text;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The exact text a finished reply's tokens stand for, or null when there is none: invalid or
/// incomplete UTF-8 (byte-fallback tokens) has no text whose tokens would be these.
/// </summary>
internal static class ReplyText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Exact(LLamaWeights weights, IEnumerable<LLamaToken> tokens)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        Span<byte> piece = stackalloc byte[256];
        foreach (var token in tokens)
        {
            if (token.IsControl(weights.Vocab))
            {
                // Only the thinking delimiters get this far (other control tokens are never sampled).
                if (!Flush(bytes, text))
                    return null;
                text.Append(weights.Vocab.LLamaTokenToString(token, isSpecialToken: true));
                continue;
            }

            var length = (int)weights.NativeHandle.TokenToSpan(token, piece);
            if (length > piece.Length)
                return null;
            for (var i = 0; i < length; i++)
                bytes.Add(piece[i]);
        }

        return Flush(bytes, text) ? text.ToString() : null;
    }

    private static bool Flush(List<byte> bytes, StringBuilder text)
    {
        try
        {
            text.Append(Strict.GetString(bytes.ToArray()));
            bytes.Clear();
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
