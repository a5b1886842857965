using System.Text;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The model's vocabulary as a forest by text prefix, for <see cref="LevelGrammarMask"/>: each token's parent is the
/// longest proper prefix of its piece that is itself the piece of a token whose verdict the grammar takes from its text
/// alone (not end-of-generation, not empty, no byte 0, whole code points). Built once per loaded model.
/// </summary>
/// <remarks>
/// The pieces are the ones llama.cpp's grammar judges: <c>llama_token_to_piece</c> with special tokens rendered and
/// nothing stripped, which is llama.cpp's own piece cache. Tokens without such a prefix are roots: the
/// end-of-generation tokens (judged by the grammar's state, not their text), the empty pieces and those starting with
/// byte 0 (always rejected) are among them, and are never parents.
/// </remarks>
internal sealed class GrammarTokenForest
{
    private readonly byte[] _bytes;
    private readonly int[] _pieceStart;
    private readonly int[] _roots;
    private readonly int[] _childStart;
    private readonly int[] _children;
    private readonly bool[] _endsGeneration;

    private GrammarTokenForest(byte[] bytes, int[] pieceStart, int[] roots, int[] childStart, int[] children, bool[] endsGeneration)
    {
        _endsGeneration = endsGeneration;
        _bytes = bytes;
        _pieceStart = pieceStart;
        _roots = roots;
        _childStart = childStart;
        _children = children;
    }

    /// <summary>Tokens in the vocabulary.</summary>
    public int Count => _pieceStart.Length - 1;

    /// <summary>Tokens without a parent: the first level the grammar checks.</summary>
    public ReadOnlySpan<int> Roots => _roots;

    /// <summary>The bytes llama.cpp's grammar reads for <paramref name="token"/>.</summary>
    public ReadOnlySpan<byte> Piece(int token) => _bytes.AsSpan(_pieceStart[token], _pieceStart[token + 1] - _pieceStart[token]);

    /// <summary>Whether <paramref name="token"/> is end-of-generation, which the grammar judges by its state, not its text.</summary>
    public bool EndsGeneration(int token) => _endsGeneration[token];

    /// <summary>The tokens whose parent is <paramref name="token"/>.</summary>
    public ReadOnlySpan<int> Children(int token) => _children.AsSpan(_childStart[token], _childStart[token + 1] - _childStart[token]);

    /// <summary>Reads every token's piece from <paramref name="model"/> and links each to its parent.</summary>
    public static GrammarTokenForest Build(SafeLlamaModelHandle model)
    {
        var vocab = model.Vocab;
        var count = vocab.Count;
        var (bytes, pieceStart) = Pieces(vocab, count);
        var eog = new bool[count];
        for (var token = 0; token < count; token++)
            eog[token] = ((LLamaToken)token).IsEndOfGeneration(vocab);

        // Each byte as one char (Latin-1), so a prefix of a piece is a span of chars to look up.
        var text = Encoding.Latin1.GetString(bytes);
        var parents = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var token = 0; token < count; token++)
        {
            var piece = bytes.AsSpan(pieceStart[token], pieceStart[token + 1] - pieceStart[token]);
            if (!eog[token] && piece.Length > 0 && GrammarUtf8.IsWhole(piece))
                parents.TryAdd(text.Substring(pieceStart[token], piece.Length), token);
        }

        var lookup = parents.GetAlternateLookup<ReadOnlySpan<char>>();
        var parent = new int[count];
        var childCount = new int[count + 1];
        List<int> roots = [];
        for (var token = 0; token < count; token++)
        {
            parent[token] = -1;
            var length = pieceStart[token + 1] - pieceStart[token];
            if (!eog[token] && length > 0 && bytes[pieceStart[token]] != 0)
            {
                for (var prefix = length - 1; prefix > 0; prefix--)
                {
                    if (lookup.TryGetValue(text.AsSpan(pieceStart[token], prefix), out var found))
                    {
                        parent[token] = found;
                        break;
                    }
                }
            }

            if (parent[token] < 0)
                roots.Add(token);
            else
                childCount[parent[token] + 1]++;
        }

        for (var token = 0; token < count; token++)
            childCount[token + 1] += childCount[token];
        var children = new int[count - roots.Count];
        var next = childCount[..count];
        for (var token = 0; token < count; token++)
        {
            if (parent[token] >= 0)
                children[next[parent[token]]++] = token;
        }

        return new GrammarTokenForest(bytes, pieceStart, [.. roots], childCount, children, eog);
    }

    /// <summary>Every token's piece, back to back, and where each starts (one more entry than tokens).</summary>
    private static (byte[] Bytes, int[] Start) Pieces(SafeLlamaModelHandle.Vocabulary vocab, int count)
    {
        var start = new int[count + 1];
        var all = new List<byte>(count * 8);
        var buffer = new byte[256];
        for (var token = 0; token < count; token++)
        {
            var length = NativeApi.llama_token_to_piece(vocab, token, buffer, 0, true);
            if (length < 0)
            {
                buffer = new byte[-length];
                length = NativeApi.llama_token_to_piece(vocab, token, buffer, 0, true);
            }

            all.AddRange(buffer.AsSpan(0, length));
            start[token + 1] = all.Count;
        }

        return ([.. all], start);
    }
}
