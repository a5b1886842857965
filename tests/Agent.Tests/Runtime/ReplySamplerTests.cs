using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.TestKit;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>
/// <see cref="ReplySampler"/> against LLamaSharp's <c>DefaultSamplingPipeline</c>, which replies were sampled with
/// before: both are fed the same row of logits at every position of one conversation over the tiny model, so whatever
/// the kernels compute, a sampler that drew differently (another chain, another order of grammar checks, another use
/// of the random state, a grammar mask that differs when its slices are checked on several threads) would pick
/// another token at some position.
/// </summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class ReplySamplerTests(TinyModelFixture model)
{
    // Structure the random weights never guess (the full-vocabulary path) and free text they often do (the cheap paths).
    private const string Json = """
        root ::= "{\"name\":\"" [a-z ]{1,24} "\",\"unit\":\"" ("mmol/L" | "mg/dL" | "%") "\"}"
        """;

    [Theory]
    [InlineData(0.7f, 11u, 1)]
    [InlineData(1.5f, 12u, 1)]
    [InlineData(0f, 13u, 1)]
    [InlineData(0.7f, 11u, 3)]
    [InlineData(1.5f, 14u, 2)]
    public void Sample_UnderAGrammar_PicksWhatTheDefaultPipelinePicks(float temperature, uint seed, int threads)
    {
        var settings = new GenerationSettings(40, temperature, seed, Json);
        var banned = new Dictionary<LLamaToken, float> { [(LLamaToken)0] = float.NegativeInfinity, [(LLamaToken)105] = float.NegativeInfinity };
        using var reference = new DefaultSamplingPipeline
        {
            LogitBias = banned, Temperature = temperature, Seed = seed, TopK = 40, TopP = 0.95f, Grammar = new LLama.Sampling.Grammar(Json, "root"),
        };
        using var sampler = settings.CreateSampler(banned);

        var (ours, theirs, clock) = SampleSideBySide(sampler, reference, settings.MaxOutputTokens, threads);

        Assert.Equal(theirs, ours);
        Assert.True(clock.FullGrammar > 0, "the grammar never checked the whole vocabulary");
        Assert.True(clock.FullGrammar < ours.Count, "every token needed the whole vocabulary checked");
    }

    [Fact]
    public void Sample_FreeText_PicksWhatTheDefaultPipelinePicks()
    {
        var settings = new GenerationSettings(24, 0.9f, 21, null);
        using var reference = new DefaultSamplingPipeline { Temperature = 0.9f, Seed = 21, TopK = 40, TopP = 0.95f };
        using var sampler = settings.CreateSampler(new Dictionary<LLamaToken, float>());

        var (ours, theirs, clock) = SampleSideBySide(sampler, reference, settings.MaxOutputTokens, threads: 1);

        Assert.Equal(theirs, ours);
        Assert.Equal(0, clock.FullGrammar);
        Assert.True(ours.Distinct().Count() > 1, "the draw never varied");
    }

    [Fact]
    public async Task Sample_GrammarCompleteAndEndTokensBanned_ThrowsDeadEndInsteadOfAborting()
    {
        // Once "x" is out the grammar allows only an end-of-generation token, and those are banned: nothing is left.
        // Before the guard the chain drew from all-rejected candidates and llama.cpp aborted the process on accepting it.
        var banned = Enumerable.Range(0, model.Weights.Vocab.Count).Select(i => (LLamaToken)i)
            .Where(t => t.IsEndOfGeneration(model.Weights.Vocab)).ToDictionary(t => t, _ => float.NegativeInfinity);
        using var sampler = new GenerationSettings(8, 0.7f, 5, "root ::= \"x\"").CreateSampler(banned);
        using var executor = new BatchedExecutor(model.Weights, model.Parameters);
        using var conversation = executor.Create();
        conversation.Prompt(model.Weights.Tokenize("<start_of_turn>user\nx?<end_of_turn>\n<start_of_turn>model\n", true, true, System.Text.Encoding.UTF8));
        Assert.Equal(DecodeResult.Ok, await executor.Infer());
        var first = sampler.Sample(executor.Context.NativeHandle, executor.Context.NativeHandle.GetLogitsIth(conversation.GetSampleIndex()), new SamplingClock());
        conversation.Prompt(first);
        Assert.Equal(DecodeResult.Ok, await executor.Infer());
        var row = executor.Context.NativeHandle.GetLogitsIth(conversation.GetSampleIndex()).ToArray();

        var failure = Assert.Throws<GrammarDeadEndException>(() => sampler.Sample(executor.Context.NativeHandle, row, new SamplingClock(), threads: 2));

        Assert.Equal("x", model.Weights.Vocab.LLamaTokenToString(first, isSpecialToken: false));
        Assert.Contains("grammar", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Generates with <paramref name="sampler"/>, asking <paramref name="reference"/> at each position too, until the grammar or the budget ends it.</summary>
    private (List<LLamaToken> Ours, List<LLamaToken> Theirs, SamplingClock Clock) SampleSideBySide(ReplySampler sampler, DefaultSamplingPipeline reference,
        int budget, int threads)
    {
        using var executor = new BatchedExecutor(model.Weights, model.Parameters);
        using var conversation = executor.Create();
        conversation.Prompt(model.Weights.Tokenize("<start_of_turn>user\npotassium?<end_of_turn>\n<start_of_turn>model\n", true, true, System.Text.Encoding.UTF8));
        var clock = new SamplingClock();
        var total = new SamplingClock();
        List<LLamaToken> ours = [], theirs = [];
        while (ours.Count < budget)
        {
            Assert.Equal(DecodeResult.Ok, executor.Infer().GetAwaiter().GetResult());
            var context = executor.Context.NativeHandle;
            var index = conversation.GetSampleIndex();
            var row = context.GetLogitsIth(index).ToArray();
            clock.Reset();
            var token = sampler.Sample(context, row, clock, threads);
            total.FullGrammar += clock.FullGrammar;
            ours.Add(token);
            theirs.Add(reference.Sample(context, index));
            if (token != theirs[^1] || token.IsEndOfGeneration(model.Weights.Vocab))
                break;
            conversation.Prompt(token);
        }

        return (ours, theirs, total);
    }
}
