using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Tests.Models.Synthetic;
using LLama.Native;

namespace ClinicalAgent.Agent.Tests.Runtime.Sampling;

/// <summary>
/// <see cref="LevelGrammarMask"/> against llama.cpp's grammar applied to the whole real Gemma 3 vocabulary (262,144
/// tokens), bit for bit, at every step of seeded random walks through the agent's tool-call grammar and a generic JSON
/// grammar. The walks also take byte-fallback tokens inside strings, so they stop mid code point too: there the
/// sampler must know the grammar has bytes pending (its mirror of llama.cpp's decoder) and scan the whole vocabulary.
/// </summary>
[Collection(SyntheticVocabularyCollection.Name)]
public sealed class LevelGrammarMaskTests(SyntheticVocabularyFixture model)
{
    private static readonly Lazy<string> ToolCalls = new(GrammarWalk.ToolCalls);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mask_WalkThroughTheToolCallGrammar_EqualsLlamaCppsFullMask(int seed) => Walk(ToolCalls.Value, seed, steps: 90);

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Mask_WalkThroughAJsonGrammar_EqualsLlamaCppsFullMask(int seed) => Walk(GrammarWalk.Json, seed, steps: 90);

    [Fact]
    public void Build_RealVocabulary_LinksEachTokenToItsLongestWholePrefixToken()
    {
        var forest = Forest();
        var vocab = model.Weights.NativeHandle.Vocab;
        var parents = 0;
        for (var token = 0; token < forest.Count; token++)
        {
            foreach (var child in forest.Children(token))
            {
                parents++;
                var piece = forest.Piece(token);
                Assert.True(forest.Piece(child).Length > piece.Length && forest.Piece(child).StartsWith(piece), $"token {token} is not a proper prefix of its child {child}");
                Assert.True(GrammarUtf8.IsWhole(piece) && !((LLamaToken)token).IsEndOfGeneration(vocab), $"token {token} may not be a parent");
            }
        }

        var linked = Enumerable.Range(0, forest.Count).Sum(t => forest.Children(t).Length);
        Assert.Equal(262_144, forest.Count);
        Assert.Equal(forest.Count, linked + forest.Roots.Length);
        Assert.True(forest.Roots.Length < forest.Count / 4, $"{forest.Roots.Length} roots: the forest saves little");
        Assert.True(parents > 0);
    }

    private GrammarTokenForest Forest() => ForestCache.GetOrAdd(model.Weights.NativeHandle, GrammarTokenForest.Build);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SafeLlamaModelHandle, GrammarTokenForest> ForestCache = new();

    /// <summary>
    /// Walks <paramref name="steps"/> tokens the grammar allows (a byte-fallback token a third of the time when one is
    /// allowed), comparing the two masks wherever the reply is on a code-point boundary.
    /// </summary>
    private void Walk(string grammarText, int seed, int steps)
    {
        var forest = Forest();
        using var grammar = GrammarWalk.Grammar(model.Weights.NativeHandle, grammarText);
        using var levels = new LevelGrammarMask(forest);
        var random = new Random(seed);
        var remaining = 0;
        int compared = 0, pending = 0, fewest = int.MaxValue;
        for (var step = 0; step < steps; step++)
        {
            var full = GrammarWalk.Vocabulary(forest.Count);
            GrammarWalk.Apply(grammar, full);
            var allowed = GrammarWalk.Allowed(full);
            var text = Enumerable.Range(0, forest.Count).Where(t => allowed[t] && !forest.EndsGeneration(t)).ToList();
            if (text.Count == 0)
                break;

            // The mirror of llama.cpp's decoder: bytes are pending exactly when only continuation bytes may come next.
            Assert.Equal(remaining != 0, text.All(t => forest.Piece(t)[0] >> 6 == 2));
            if (remaining == 0)
            {
                var byLevels = GrammarWalk.Vocabulary(forest.Count);
                var checks = levels.Mask(byLevels, part => GrammarWalk.Apply(grammar, part));
                Assert.Equal(allowed, GrammarWalk.Allowed(byLevels));
                // Each token is checked at most once; where the grammar allows little, only a small part of them.
                Assert.InRange(checks, forest.Roots.Length, forest.Count);
                fewest = Math.Min(fewest, checks);
                compared++;
            }
            else
            {
                pending++;
            }

            // A lone byte of 0x80 or more is a byte-fallback token: whole tokens hold whole code points.
            var bytes = text.Where(t => forest.Piece(t) is [>= 0x80]).ToList();
            var next = bytes.Count > 0 && random.Next(3) == 0 ? bytes[random.Next(bytes.Count)] : text[random.Next(text.Count)];
            grammar.Accept(next);
            remaining = GrammarUtf8.Remaining(remaining, forest.Piece(next));
        }

        Assert.True(compared > 10, $"only {compared} steps compared");
        Assert.True(pending > 0, "the walk never stopped mid code point");
        Assert.True(fewest < forest.Count / 10, $"the fewest checks were {fewest}");
    }
}
