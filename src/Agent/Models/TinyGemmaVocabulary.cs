using System.Globalization;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// The vocabulary of the tiny test model: Gemma's special tokens, byte fallback for anything else, and
/// enough characters and pieces to write JSON. A SentencePiece merge only reaches a piece whose every
/// prefix is also a token, which the pieces below respect.
/// </summary>
internal static class TinyGemmaVocabulary
{
    public const int PadId = 0;
    public const int EosId = 1;
    public const int BosId = 2;
    public const int UnknownId = 3;
    public const int StartOfTurnId = 4;
    public const int EndOfTurnId = 5;

    /// <summary>Gemma 3's image delimiters, which llama.cpp's mtmd writes around an image's embeddings. They come
    /// last, so adding them kept every earlier id.</summary>
    public const string StartOfImage = "<start_of_image>";

    public const string EndOfImage = "<end_of_image>";

    /// <summary>Tokens added after the first version (the two image delimiters, last in the vocabulary).</summary>
    public const int LateTokens = 2;

    /// <summary>SentencePiece's visible space.</summary>
    public const string Space = "\u2581";

    // llama.cpp's token types.
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Byte = 6;

    private static readonly string[] Pieces =
    [
        Space + Space, "{\"", "\":", "\",", "\"}", Space + "\"", "\":" + Space, "true", "tru", "tr",
        "false", "fals", "fal", "fa", "null", "nul", "nu", "name", "nam", "na", "}}", "]}", "\n\n",
    ];

    /// <summary>Token texts, scores and llama.cpp token types, index = token id.</summary>
    public static (string[] Tokens, float[] Scores, int[] Types) Build()
    {
        var tokens = new List<string> { "<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>" };
        var types = new List<int> { Control, Control, Control, Unknown, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>"));
            types.Add(Byte);
        }

        var normal = new List<string> { Space, "\n" };
        for (var c = '!'; c <= '~'; c++)
        {
            normal.Add(c.ToString());
        }

        normal.AddRange(Pieces.Where(p => !normal.Contains(p)));
        tokens.AddRange(normal);
        types.AddRange(normal.Select(_ => Normal));
        tokens.AddRange([StartOfImage, EndOfImage]);
        types.AddRange([Control, Control]);

        // SentencePiece merges the highest-scoring pair first; longer pieces score higher so "{\"" wins over "{" + "\"".
        var scores = tokens.Select((t, i) => types[i] == Normal ? t.Length * 10f - i * 0.001f : 0f).ToArray();
        return (tokens.ToArray(), scores, types.ToArray());
    }
}
