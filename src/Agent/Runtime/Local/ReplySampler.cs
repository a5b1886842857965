using System.Buffers;
using System.Diagnostics;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// One reply's llama.cpp sampler chain (logit bias, penalties, top-k, typical, top-p, min-p, temperature, seeded
/// distribution) and, under a grammar, the grammar as a chain of its own, sampling from one row of the context's
/// logits. The grammar's check of the whole vocabulary, the costly part, may run in slices on several threads.
/// </summary>
/// <remarks>
/// Under a grammar it tries the cheap way first, in the order LLamaSharp's <c>DefaultSamplingPipeline</c> (extended
/// grammar optimisation) does, so a reply samples the same tokens as it did with that pipeline: the chain without the
/// grammar picks a token and only that token is checked; then the chain's top-k survivors are checked and the most
/// likely allowed one taken; only when neither passes is the grammar applied to the whole vocabulary (262,144 tokens
/// for Gemma 3), followed by the chain. Each try draws from the chain's random state as that pipeline does. The
/// vocabulary-sized buffer is rented once per reply, not per token. Given the model's <see cref="GrammarTokenForest"/>,
/// that whole-vocabulary mask is found level by level (<see cref="LevelGrammarMask"/>, the same mask from far fewer
/// checks) whenever the reply so far ends on a code-point boundary and the grammar has no token references; without
/// one, or otherwise, the grammar checks every token.
/// </remarks>
internal sealed class ReplySampler : IDisposable
{
    private readonly GenerationSettings _settings;
    private readonly IReadOnlyDictionary<LLamaToken, float> _banned;
    private readonly LLamaTokenData[] _single = new LLamaTokenData[1];
    private LLamaTokenData[]? _candidates;
    private LLamaTokenData[]? _top;
    private SafeLLamaSamplerChainHandle? _chain;
    private SafeLLamaSamplerChainHandle? _grammar;
    // Copies of the grammar, in the same state (they accept every token too), to check slices of the vocabulary at once.
    private readonly List<SafeLLamaSamplerChainHandle> _grammarCopies = [];
    // Built on the first whole-vocabulary mask that needs it (a pass over the vocabulary), not when the reply starts:
    // a model that follows its format seldom needs one.
    private readonly Func<GrammarTokenForest>? _forest;
    private readonly bool _byLevels;
    private SafeLlamaModelHandle.Vocabulary? _vocab;
    private byte[] _piece = new byte[64];
    private LevelGrammarMask? _levels;
    // Bytes still missing from the last code point of the reply as the grammar has accepted it (llama.cpp's partial_utf8).
    private int _utf8Remaining;

    /// <param name="settings">Temperature, seed, top-k, top-p and the grammar.</param>
    /// <param name="banned">Tokens never to sample, with a bias of negative infinity.</param>
    /// <param name="forest">The model's vocabulary by prefix (asked for when first needed), to mask it by levels; null checks every token.</param>
    public ReplySampler(GenerationSettings settings, IReadOnlyDictionary<LLamaToken, float> banned, Func<GrammarTokenForest>? forest = null)
    {
        _settings = settings;
        _banned = banned;
        _forest = forest;
        _byLevels = forest is not null && settings.Grammar is { } grammar && !GrammarTokenReferences.Present(grammar);
    }

    private int TopK => _settings.TopK ?? LocalModelOptions.DefaultTopK;

    /// <summary>Samples and accepts the next token from <paramref name="logits"/> (one row, read only); adds its phases to <paramref name="clock"/>.</summary>
    /// <param name="context">The context the logits came from (its model's vocabulary builds the chains).</param>
    /// <param name="logits">The row of logits to sample from.</param>
    /// <param name="clock">Where the phases' times go.</param>
    /// <param name="threads">Threads the grammar may use to check the whole vocabulary, in slices.</param>
    public LLamaToken Sample(SafeLLamaContextHandle context, ReadOnlySpan<float> logits, SamplingClock clock, int threads = 1)
    {
        _chain ??= CreateChain(context);
        _vocab ??= context.ModelHandle.Vocab;
        if (_settings.Grammar is null)
        {
            var token = Chosen(Fill(logits, clock), _chain, clock);
            Accept(token);
            return token;
        }

        _grammar ??= CreateGrammar(context);
        if (TryCheap(logits, clock) is { } cheap)
        {
            Accept(cheap);
            return cheap;
        }

        clock.FullGrammar++;
        var all = Fill(logits, clock);
        Mask(all, clock, threads);
        if (!AnyPickable(all.Data.Span))
            throw new GrammarDeadEndException("The reply's grammar allows no token that may be sampled here (all it allows are banned, or it allows none); the reply is abandoned.");
        var chosen = Chosen(all, _chain, clock);
        // llama.cpp aborts the process when its grammar is made to accept a token it rejects; this reply fails instead.
        if (Allowed(Single(chosen), clock) is null)
            throw new GrammarDeadEndException($"The sampler picked token {(int)chosen}, which the reply's grammar rejects; the reply is abandoned.");
        Accept(chosen);
        return chosen;
    }

    /// <summary>Whether some candidate survived the grammar's mask and is not banned, so the chain has one to pick.</summary>
    private bool AnyPickable(ReadOnlySpan<LLamaTokenData> masked)
    {
        foreach (var candidate in masked)
        {
            if (!float.IsNegativeInfinity(candidate.Logit) && !float.IsNaN(candidate.Logit) &&
                !(_banned.TryGetValue(candidate.ID, out var bias) && float.IsNegativeInfinity(bias)))
                return true;
        }

        return false;
    }

    private LLamaTokenDataArray Single(LLamaToken token)
    {
        _single[0] = new LLamaTokenData(token, 1, 0);
        return new LLamaTokenDataArray(_single, true);
    }

    /// <summary>The chain's pick if the grammar allows it, else the most likely of its top-k that the grammar allows, else null.</summary>
    private LLamaToken? TryCheap(ReadOnlySpan<float> logits, SamplingClock clock)
    {
        var all = Fill(logits, clock);
        LLamaToken picked;
        var kept = 0;
        var start = Stopwatch.GetTimestamp();
        using (LLamaTokenDataArrayNative.Create(all, out var native))
        {
            _chain!.Apply(ref native);
            picked = native.Data[checked((int)native.Selected)].ID;
            if (TopK > 0)
            {
                // The chain's survivors, most likely first (top-k sorted them), in case the pick is not allowed.
                kept = Math.Min(TopK, native.Data.Length);
                _top ??= new LLamaTokenData[TopK];
                native.Data[..kept].CopyTo(_top);
            }
        }

        clock.Chain += Stopwatch.GetElapsedTime(start);
        if (Allowed(Single(picked), clock) is { } alone)
            return alone;
        return kept > 0 ? Allowed(new LLamaTokenDataArray(_top.AsMemory(0, kept), true), clock) : null;
    }

    /// <summary>The first candidate once the grammar has masked them, unless the grammar rejected it.</summary>
    private LLamaToken? Allowed(LLamaTokenDataArray candidates, SamplingClock clock)
    {
        var start = Stopwatch.GetTimestamp();
        using (LLamaTokenDataArrayNative.Create(candidates, out var native))
        {
            _grammar!.Apply(ref native);
            clock.Grammar += Stopwatch.GetElapsedTime(start);
            var first = native.Data[checked((int)native.Selected)];
            return float.IsNegativeInfinity(first.Logit) ? null : first.ID;
        }
    }

    /// <summary>Applies <paramref name="chain"/> and returns the token it selected.</summary>
    private static LLamaToken Chosen(LLamaTokenDataArray candidates, SafeLLamaSamplerChainHandle chain, SamplingClock clock)
    {
        var start = Stopwatch.GetTimestamp();
        using (LLamaTokenDataArrayNative.Create(candidates, out var native))
        {
            chain.Apply(ref native);
            clock.Chain += Stopwatch.GetElapsedTime(start);
            if (native.Selected < 0 || native.Selected >= native.Data.Length)
                throw new GrammarDeadEndException($"The sampler chain selected no candidate (index {native.Selected}); the reply is abandoned.");
            return native.Data[checked((int)native.Selected)].ID;
        }
    }

    /// <summary>
    /// Masks every candidate the grammar rejects (negative infinity). With several threads each checks a slice with its
    /// own copy of the grammar: a token's verdict depends on the grammar's state and its own text only, so the mask is
    /// the one a single pass gives.
    /// </summary>
    private void Mask(LLamaTokenDataArray candidates, SamplingClock clock, int threads)
    {
        var start = Stopwatch.GetTimestamp();
        // The forest must be of this vocabulary; a row of another length is scanned whole rather than refused.
        if (_byLevels && _utf8Remaining == 0 && _forest!() is var forest && forest.Count == candidates.Data.Length)
        {
            _levels ??= new LevelGrammarMask(forest);
            // A small level costs less on one thread than the hand-off to several.
            clock.GrammarChecks += _levels.Mask(candidates.Data.Span, level => Check(level, level.Length >= 8192 ? threads : 1));
        }
        else
        {
            Check(candidates.Data, threads);
            clock.GrammarChecks += candidates.Data.Length;
        }

        clock.Grammar += Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Applies the grammar to <paramref name="candidates"/>, in slices on <paramref name="threads"/> threads.</summary>
    private void Check(Memory<LLamaTokenData> candidates, int threads)
    {
        if (threads <= 1)
        {
            MaskWith(_grammar!, candidates);
        }
        else
        {
            while (_grammarCopies.Count < threads - 1)
            {
                var copy = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
                copy.AddClone(_grammar!, 0);
                _grammarCopies.Add(copy);
            }

            var slice = (candidates.Length + threads - 1) / threads;
            Parallel.For(0, threads, i =>
            {
                var from = Math.Min(i * slice, candidates.Length);
                var part = candidates[from..Math.Min(from + slice, candidates.Length)];
                MaskWith(i == 0 ? _grammar! : _grammarCopies[i - 1], part);
            });
        }
    }

    private static void MaskWith(SafeLLamaSamplerChainHandle grammar, Memory<LLamaTokenData> part)
    {
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(part), out var native))
            grammar.Apply(ref native);
    }

    /// <summary>The whole vocabulary, in token order, with the raw logits (the buffer is reused: each try starts afresh).</summary>
    private LLamaTokenDataArray Fill(ReadOnlySpan<float> logits, SamplingClock clock)
    {
        var start = Stopwatch.GetTimestamp();
        _candidates ??= ArrayPool<LLamaTokenData>.Shared.Rent(logits.Length);
        var span = _candidates.AsSpan(0, logits.Length);
        for (var token = 0; token < span.Length; token++)
            span[token] = new LLamaTokenData(token, logits[token], 0f);
        clock.Copy += Stopwatch.GetElapsedTime(start);
        return new LLamaTokenDataArray(_candidates.AsMemory(0, logits.Length));
    }

    private void Accept(LLamaToken token)
    {
        _chain!.Accept(token);
        _grammar?.Accept(token);
        foreach (var copy in _grammarCopies)
            copy.Accept(token);
        if (_byLevels && !token.IsEndOfGeneration(_vocab!))
            _utf8Remaining = GrammarUtf8.Remaining(_utf8Remaining, Piece(token));
    }

    /// <summary>The bytes llama.cpp's grammar reads for <paramref name="token"/> (special tokens rendered, nothing stripped).</summary>
    private ReadOnlySpan<byte> Piece(LLamaToken token)
    {
        var length = NativeApi.llama_token_to_piece(_vocab!, token, _piece, 0, true);
        if (length < 0)
        {
            _piece = new byte[-length];
            length = NativeApi.llama_token_to_piece(_vocab!, token, _piece, 0, true);
        }

        return _piece.AsSpan(0, length);
    }

    private SafeLLamaSamplerChainHandle CreateChain(SafeLLamaContextHandle context)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        if (_banned.Count > 0)
        {
            var biases = _banned.Select(b => new LLamaLogitBias { Token = b.Key, Bias = b.Value }).ToArray();
            chain.AddLogitBias(context.Vocab.Count, biases);
        }

        // The stages and settings of LLamaSharp's default pipeline, which replies were sampled with before.
        chain.AddPenalties(64, 1f, 0f, 0f);
        chain.AddTopK(TopK);
        chain.AddTypical(1f, 1);
        chain.AddTopP(_settings.TopP ?? LocalModelOptions.DefaultTopP, 1);
        chain.AddMinP(0.1f, 1);
        chain.AddTemperature(_settings.Temperature);
        chain.AddDistributionSampler(_settings.Seed);
        return chain;
    }

    private SafeLLamaSamplerChainHandle CreateGrammar(SafeLLamaContextHandle context)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGrammar(context.ModelHandle, _settings.Grammar!, "root");
        return chain;
    }

    public void Dispose()
    {
        _chain?.Dispose();
        _grammar?.Dispose();
        foreach (var copy in _grammarCopies)
            copy.Dispose();
        _levels?.Dispose();
        if (_candidates is not null)
            ArrayPool<LLamaTokenData>.Shared.Return(_candidates);
        _candidates = null;
    }
}
