using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Tests.Models.Synthetic;
using LLama.Batched;
using LLama.Native;

namespace ClinicalAgent.Agent.Tests.Runtime.Sampling;

/// <summary>
/// <see cref="ReplySampler"/> with the level mask (given the model's <see cref="GrammarTokenForest"/>) against the same
/// sampler scanning the whole vocabulary: both are fed the same rows of logits of the real-vocabulary synthetic model,
/// whose random weights rarely guess what the grammar allows, so most samples take the whole-vocabulary path. A mask
/// that differed anywhere would, sooner or later, change a draw.
/// </summary>
[Collection(SyntheticVocabularyCollection.Name)]
public sealed class ReplySamplerLevelsTests(SyntheticVocabularyFixture model)
{
    private static readonly Lazy<string> ToolCalls = new(GrammarWalk.ToolCalls);
    private static GrammarTokenForest? _forest;

    [Theory]
    [InlineData(0f, 1u, 1, false)]
    [InlineData(0.8f, 2u, 1, false)]
    [InlineData(1.5f, 3u, 2, false)]
    [InlineData(0.8f, 4u, 1, true)]
    public async Task Sample_ByLevels_PicksWhatTheFullScanPicks(float temperature, uint seed, int threads, bool json)
    {
        var grammar = json ? GrammarWalk.JsonList : ToolCalls.Value;
        var settings = new GenerationSettings(120, temperature, seed, grammar);
        var banned = new Dictionary<LLamaToken, float> { [(LLamaToken)0] = float.NegativeInfinity };
        _forest ??= GrammarTokenForest.Build(model.Weights.NativeHandle);
        using var full = settings.CreateSampler(banned);
        using var levels = settings.CreateSampler(banned, () => _forest);
        using var executor = new BatchedExecutor(model.Weights, model.Parameters);
        using var conversation = executor.Create();
        conversation.Prompt(model.Weights.Tokenize("<start_of_turn>user\nPotassium of S1?<end_of_turn>\n<start_of_turn>model\n", true, true, System.Text.Encoding.UTF8));
        SamplingClock fullClock = new(), levelsClock = new();
        List<LLamaToken> byFull = [], byLevels = [];

        while (byFull.Count < settings.MaxOutputTokens)
        {
            Assert.Equal(DecodeResult.Ok, await executor.Infer());
            var context = executor.Context.NativeHandle;
            var row = context.GetLogitsIth(conversation.GetSampleIndex()).ToArray();
            byFull.Add(full.Sample(context, row, fullClock, threads));
            byLevels.Add(levels.Sample(context, row, levelsClock, threads));
            if (byFull[^1] != byLevels[^1] || byFull[^1].IsEndOfGeneration(model.Weights.Vocab))
                break;
            conversation.Prompt(byFull[^1]);
        }

        Assert.Equal(byFull, byLevels);
        Assert.Equal(fullClock.FullGrammar, levelsClock.FullGrammar);
        Assert.True(fullClock.FullGrammar >= 20, $"only {fullClock.FullGrammar} samples masked the whole vocabulary");
        Assert.Equal(fullClock.FullGrammar * (long)_forest.Count, fullClock.GrammarChecks);
        Assert.True(levelsClock.GrammarChecks < fullClock.GrammarChecks, $"{levelsClock.GrammarChecks} checks by levels, {fullClock.GrammarChecks} in full");
    }
}
