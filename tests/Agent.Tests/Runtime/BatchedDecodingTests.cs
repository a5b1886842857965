using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.TestKit;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>
/// Continuous batching over the tiny model, under greedy sampling and a grammar of words. A batch of another shape
/// rounds differently (llama.cpp picks other matrix kernels for other batch sizes, on AVX and no-AVX alike), so a
/// conversation decoded together gets its alone run's log-probabilities within rounding (<see cref="Rounding"/>),
/// and its tokens up to the first near-tie: where the alone run's two best allowed tokens were within rounding of
/// each other, either may be picked and the runs part there. A mixed-up sequence moves the log-probabilities by far
/// more, and parts at a position with a wide margin.
/// Requests are lined up with <see cref="LocalModel.HoldAsync"/>, so they share steps by construction, not by timing.
/// </summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class BatchedDecodingTests(TinyModelFixture model)
{
    private const string Words = "word ::= \"alpha\" | \"bravo\" | \"charlie\" | \"delta\"";

    /// <summary>
    /// How far a log-probability may move with the batch's shape alone: measured up to 0.0035 over 1,800 positions on
    /// both kernel sets; a mixed-up sequence moves it by whole units.
    /// </summary>
    private const float Rounding = 0.02f;

    /// <summary>More alternatives than the tiny vocabulary has tokens: every token's log-probability is kept.</summary>
    private const int WholeVocabulary = 4096;

    private static readonly string[] Questions =
    [
        "Latest potassium of Alice Smith?",
        "Which antibiotics is Bob Jones on, and since when?",
        "Summarise the sodium trend of Carol White over the last three days.",
        "Any allergies recorded for Dan Brown?",
    ];

    [Fact]
    public async Task GenerateAsync_FourConversationsTogether_EachGetsTheTokensItGetsAlone()
    {
        using var local = LocalRuntime.Load(model.ModelPath, o => o.MaxConversations = 4);
        var settings = Greedy(words: 6);
        var alone = new List<Run>();
        foreach (var question in Questions)
        {
            await local.ClearCacheAsync();
            alone.Add(await AloneAsync(local, question, settings));
        }

        await local.ClearCacheAsync();
        var before = local.DecodeCounters;
        Run[] together;
        using (await local.HoldAsync())
            together = [.. Questions.Select(q => RunAsync(local, q, settings))];
        await Task.WhenAll(together.Select(r => r.Done));
        var after = local.DecodeCounters;

        for (var i = 0; i < Questions.Length; i++)
        {
            AssertSameTokens(alone[i], together[i]);
            Assert.Equal(ChatFinishReason.Stop, together[i].Stats.FinishReason);
            Assert.Equal(0, alone[i].Stats.SharedDecodeSteps);
            Assert.True(together[i].Stats.SharedDecodeSteps > 0, $"conversation {i} decoded alone");
        }

        // In lockstep: every step carried every conversation still generating, so the steps are the longest one's. A
        // request leases in turn and then joins; on a loaded machine its join can come just after the scheduler took
        // the first step's members (seen in CI: 39 steps for a longest of 38), and it starts a step later.
        Assert.Equal(4, after.WidestStep);
        var longest = together.Max(r => r.Stats.DecodeSteps);
        Assert.InRange(after.Steps - before.Steps, longest, longest + Questions.Length - 1);
        Assert.Equal(together.Sum(r => r.Stats.DecodeSteps), after.ConversationSteps - before.ConversationSteps);
    }

    [Fact]
    public async Task GenerateAsync_ConversationJoinsAndLeavesMidway_TheLongOneKeepsItsTokens()
    {
        using var local = LocalRuntime.Load(model.ModelPath, o => o.MaxConversations = 2);
        var longSettings = Greedy(words: 300, maxOutput: 2048);
        var shortSettings = Greedy(words: 2);
        var longAlone = await AloneAsync(local, Questions[0], longSettings);
        await local.ClearCacheAsync();
        var shortAlone = await AloneAsync(local, Questions[1], shortSettings);
        await local.ClearCacheAsync();

        // The hold is asked for as soon as the long one's first token is read, so the scheduler stops at its next step
        // boundary and the short one is leased before the step after; how far the long one decoded ahead of its reader
        // meanwhile is bounded by its length, far more than a loaded machine's delay.
        var hold = new TaskCompletionSource<Task<IDisposable>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var longRun = RunAsync(local, Questions[0], longSettings, onToken: count =>
        {
            if (count == 1)
                hold.TrySetResult(local.HoldAsync());
        });
        Run shortRun;
        using (await await hold.Task)
        {
            shortRun = RunAsync(local, Questions[1], shortSettings);
        }

        await Task.WhenAll(longRun.Done, shortRun.Done);

        AssertSameTokens(longAlone, longRun);
        AssertSameTokens(shortAlone, shortRun);
        // It decoded alone before the short one joined and after it left, and together in between.
        Assert.InRange(longRun.Stats.SharedDecodeSteps, 1, longRun.Stats.DecodeSteps - 2);
        Assert.Equal(shortRun.Stats.DecodeSteps, shortRun.Stats.SharedDecodeSteps);
        Assert.Equal(longRun.Stats.OutputTokens + 1, longRun.Stats.DecodeSteps);
    }

    [Fact]
    public async Task GenerateAsync_OneCancelledMidBatch_OthersFinishUnchangedAndItsCacheStaysUsable()
    {
        using var local = LocalRuntime.Load(model.ModelPath, o => o.MaxConversations = 3);
        var settings = Greedy(words: 12);
        var alone = new List<Run>();
        foreach (var question in Questions.Take(3))
        {
            await local.ClearCacheAsync();
            alone.Add(await AloneAsync(local, question, settings));
        }

        await local.ClearCacheAsync();
        using var cancellation = new CancellationTokenSource();
        Run[] runs;
        using (await local.HoldAsync())
        {
            runs =
            [
                RunAsync(local, Questions[0], settings),
                RunAsync(local, Questions[1], settings, cancellation.Token, count =>
                {
                    if (count == 3)
                        cancellation.Cancel();
                }),
                RunAsync(local, Questions[2], settings),
            ];
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runs[1].Done);
        await Task.WhenAll(runs[0].Done, runs[2].Done);
        var again = await AloneAsync(local, Questions[1], settings);

        AssertSameTokens(alone[0], runs[0]);
        AssertSameTokens(alone[2], runs[2]);
        Assert.Equal(3, runs[1].Tokens.Count);
        AssertSameTokens(alone[1], again);
        Assert.True(again.Stats.CachedTokens >= again.Stats.PromptTokens - 1, $"reused {again.Stats.CachedTokens} of {again.Stats.PromptTokens}");
    }

    [Fact]
    public async Task GenerateAsync_OneGrammarAllowsOnlyBannedTokens_ItFailsAloneAndTheOthersFinish()
    {
        // U+D7FB has no token of its own in the tiny vocabulary; its only spelling starts with the byte token <0xED>,
        // which is banned under a grammar. Sampling a token the grammar rejects used to abort the whole process.
        using var local = LocalRuntime.Load(model.ModelPath, o => o.MaxConversations = 3);
        var settings = Greedy(words: 6);
        var deadEnd = new GenerationSettings(16, 0f, 7, "root ::= \"\\uD7FB\"");
        var alone = await AloneAsync(local, Questions[0], settings);
        await local.ClearCacheAsync();

        Run[] runs;
        using (await local.HoldAsync())
            runs = [RunAsync(local, Questions[0], settings), RunAsync(local, Questions[1], deadEnd), RunAsync(local, Questions[2], settings)];
        var failure = await Assert.ThrowsAsync<GrammarDeadEndException>(() => runs[1].Done);
        await Task.WhenAll(runs[0].Done, runs[2].Done);

        Assert.Contains("grammar", failure.Message, StringComparison.Ordinal);
        Assert.Empty(runs[1].Tokens);
        AssertSameTokens(alone, runs[0]);
        Assert.True(runs[0].Stats.SharedDecodeSteps > 0, "the good conversation never shared a step with the failing one");
        Assert.Equal(ChatFinishReason.Stop, runs[2].Stats.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_RoomForTwoOfFour_TheAdmittedPairDecodesTogetherAndAllComplete()
    {
        // Each request reserves its prompt and output budget in the shared cells: two fit beside each other, a third does not.
        using var client = LocalRuntime.Client(model.ModelPath, o =>
        {
            o.MaxConversations = 4;
            o.ContextSize = 1024;
            o.BatchSize = 64;
        });
        var local = (LocalModel)client.GetService(typeof(LocalModel))!;
        var padding = string.Join(' ', Enumerable.Range(0, 45).Select(i => $"value{i}"));
        Task<ChatResponse>[] requests;
        using (await local.HoldAsync())
        {
            requests = [.. Enumerable.Range(1, 4).Select(i => client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, $"Question {i}: {padding}")],
                new ChatOptions { Seed = i, MaxOutputTokens = 120, Temperature = 1 }))];
        }

        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.InRange(r.Usage!.InputTokenCount!.Value + 120, 1024 / 3 + 1, 1024 / 2));
        Assert.All(responses, r => Assert.NotNull(r.FinishReason));
        Assert.Equal(2, local.DecodeCounters.WidestStep);
        Assert.True(responses.Sum(r => r.Usage!.AdditionalCounts!["SharedDecodeSteps"]) > 0, "no request shared a decode step");
    }

    /// <summary>
    /// Greedy sampling under a grammar of <paramref name="words"/> words, each one of four; every position's
    /// log-probabilities are recorded, for <see cref="AssertSameTokens"/>.
    /// </summary>
    private static GenerationSettings Greedy(int words, int maxOutput = 128) =>
        new(maxOutput, 0f, 7, $"root ::= word (\" \" word){{{words - 1}}}\n{Words}", LogProbabilityAlternatives: WholeVocabulary);

    /// <summary>
    /// The second run sampled the first one's tokens, the end-of-turn token included, with log-probabilities within
    /// rounding; they may part only at a near-tie, and are compared up to there.
    /// </summary>
    private static void AssertSameTokens(Run expected, Run actual)
    {
        var want = expected.Stats.LogProbabilities!.Positions;
        var got = actual.Stats.LogProbabilities!.Positions;
        Assert.Equal(expected.Tokens, want.Take(expected.Tokens.Count).Select(p => p.Token));
        Assert.Equal(actual.Tokens, got.Take(actual.Tokens.Count).Select(p => p.Token));
        Assert.All(want.Concat(got), p => Assert.True(p.Alternatives.Count < WholeVocabulary, "not every token's log-probability was kept"));
        var compared = Math.Min(want.Count, got.Count);
        for (var i = 0; i < compared; i++)
        {
            if (want[i].Token == got[i].Token)
            {
                Assert.True(Math.Abs(want[i].LogProbability - got[i].LogProbability) < Rounding,
                    $"position {i}: log-probability {got[i].LogProbability} against {want[i].LogProbability}");
                continue;
            }

            // Parted: both picks were allowed here, and each run rated the other's pick within rounding of its own.
            var wantMargin = want[i].LogProbability - LogProbabilityOf(want[i], got[i].Token);
            var gotMargin = got[i].LogProbability - LogProbabilityOf(got[i], want[i].Token);
            Assert.True(wantMargin < Rounding && gotMargin < Rounding,
                $"position {i}: token {got[i].Token} instead of {want[i].Token}, margins {wantMargin} and {gotMargin}");
            return;
        }

        Assert.Equal(want.Count, got.Count);
    }

    private static float LogProbabilityOf(SampledLogits position, LLamaToken token) =>
        position.Alternatives.Single(a => a.Token == token).LogProbability;

    private static async Task<Run> AloneAsync(LocalModel local, string question, GenerationSettings settings)
    {
        var run = RunAsync(local, question, settings);
        await run.Done;
        return run;
    }

    /// <summary>Starts a generation at once (it runs synchronously up to its first wait, so requests queue in call order).</summary>
    private static Run RunAsync(LocalModel local, string question, GenerationSettings settings, CancellationToken cancellationToken = default,
        Action<int>? onToken = null)
    {
        var run = new Run();
        run.Done = Collect(local, question, settings, run, cancellationToken, onToken);
        return run;
    }

    private static async Task Collect(LocalModel local, string question, GenerationSettings settings, Run run, CancellationToken cancellationToken,
        Action<int>? onToken)
    {
        var prompt = $"<start_of_turn>user\n{question}<end_of_turn>\n<start_of_turn>model\n";
        await foreach (var token in local.GenerateAsync(new PromptInput(prompt, local.Tokenize(prompt)), settings, run.Stats, cancellationToken))
        {
            run.Tokens.Add(token);
            onToken?.Invoke(run.Tokens.Count);
        }
    }

    private sealed class Run
    {
        public List<LLamaToken> Tokens { get; } = [];

        public GenerationStats Stats { get; } = new();

        public Task Done { get; set; } = Task.CompletedTask;
    }
}
