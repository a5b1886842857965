using System.Buffers;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The mask llama.cpp's grammar gives the whole vocabulary, found by checking the <see cref="GrammarTokenForest"/>
/// level by level: the roots first, then the children of the tokens allowed so far. A rejected token's subtree is
/// rejected without a check.
/// </summary>
/// <remarks>
/// <para>
/// Why that is llama.cpp's own mask (llama-grammar.cpp): <c>llama_grammar_apply_impl</c> masks an end-of-generation
/// token by whether some stack is complete, a token whose piece is empty or starts with byte 0 always, and judges every
/// other token by its piece alone: <c>decode_utf8(piece, partial_utf8)</c> gives its code points, and
/// <c>llama_grammar_reject_candidates</c> rejects it when no stack survives them. A stack rejects a token when its
/// next code point does not match the stack's top, or when it has none left and stops in a partial sequence the top
/// cannot continue (or the stack is complete and code points remain); otherwise the token goes on, one code point
/// shorter, to the stacks that follow. So a token is allowed exactly when some path of stacks matches its code points
/// one by one and then does not reject what is left of it, and a token with no code points left and no partial sequence
/// is never rejected.
/// </para>
/// <para>
/// Take a parent P and its child T (P's piece a proper prefix of T's, P neither end-of-generation nor empty, no byte 0
/// in P, P whole code points), with the grammar on a code-point boundary (no bytes missing from the last sequence).
/// The decoder reads left to right and, after P's bytes, is on a boundary in both pieces, so T's code points begin with
/// P's (unless T hits an invalid byte later, which makes T's decoding a lone invalid marker that every stack rejects).
/// If T is allowed, the path of stacks that matches its code points matches P's first ones; there P has none left and
/// no partial sequence, which no stack rejects; so P is allowed. Hence a rejected P means a rejected T, and since T is
/// not end-of-generation and starts with P's first byte, llama.cpp judges it by its text, as above. The rule needs
/// the boundary (with bytes missing, P's and T's first bytes finish the previous sequence and the decoder's state
/// differs from the above) and no token references in the grammar (matched by id, not text): otherwise the sampler
/// scans the whole vocabulary. The check of each level is llama.cpp's grammar itself, so only the rule is ours.
/// </para>
/// </remarks>
internal sealed class LevelGrammarMask : IDisposable
{
    private readonly GrammarTokenForest _forest;
    private LLamaTokenData[] _level;
    private LLamaTokenData[] _next;
    private bool[] _allowed;

    public LevelGrammarMask(GrammarTokenForest forest)
    {
        _forest = forest;
        _level = ArrayPool<LLamaTokenData>.Shared.Rent(forest.Count);
        _next = ArrayPool<LLamaTokenData>.Shared.Rent(forest.Count);
        _allowed = ArrayPool<bool>.Shared.Rent(forest.Count);
    }

    /// <summary>
    /// Sets the logit of every token the grammar rejects to negative infinity in <paramref name="all"/> (the whole
    /// vocabulary in token order) and returns how many tokens <paramref name="check"/> was given.
    /// </summary>
    /// <param name="all">The candidates, one per token, at the token's index.</param>
    /// <param name="check">Applies llama.cpp's grammar to some candidates (rejected ones get negative infinity).</param>
    public int Mask(Span<LLamaTokenData> all, Action<Memory<LLamaTokenData>> check)
    {
        if (all.Length != _forest.Count)
            throw new ArgumentException($"The candidates are {all.Length} tokens; the vocabulary has {_forest.Count}.", nameof(all));
        var allowed = _allowed.AsSpan(0, all.Length);
        allowed.Clear();
        var count = 0;
        foreach (var root in _forest.Roots)
            _level[count++] = new LLamaTokenData(root, 0f, 0f);

        var checks = 0;
        while (count > 0)
        {
            // Logits of 0, so negative infinity afterwards can only be the grammar's verdict.
            check(_level.AsMemory(0, count));
            checks += count;
            var next = 0;
            foreach (var candidate in _level.AsSpan(0, count))
            {
                if (float.IsNegativeInfinity(candidate.Logit))
                    continue;
                allowed[(int)candidate.ID] = true;
                foreach (var child in _forest.Children((int)candidate.ID))
                    _next[next++] = new LLamaTokenData(child, 0f, 0f);
            }

            (_level, _next) = (_next, _level);
            count = next;
        }

        for (var token = 0; token < all.Length; token++)
        {
            if (!allowed[token])
                all[token].Logit = float.NegativeInfinity;
        }

        return checks;
    }

    public void Dispose()
    {
        ArrayPool<LLamaTokenData>.Shared.Return(_level);
        ArrayPool<LLamaTokenData>.Shared.Return(_next);
        ArrayPool<bool>.Shared.Return(_allowed);
        _level = _next = [];
        _allowed = [];
    }
}
