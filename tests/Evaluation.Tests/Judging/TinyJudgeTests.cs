using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Judging;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Evaluation.Tests.Judging;

/// <summary>
/// The judge on the real llama.cpp path with the tiny random-weight model: what it prefers is noise and differs per
/// CPU kernel set, so only invariants are asserted — the grammar makes the reply exactly one choice token, both choice
/// tokens' log-probabilities are read (never bounded), and the greedy choice is the likelier of the two.
/// </summary>
[Trait("Model", "Tiny")]
public sealed class TinyJudgeTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>, IDisposable
{
    private static readonly JudgeItem Pair = new("task13_1", 13, "When was the last HbA1c of patient S1?",
        new JudgeCandidate("a", "6.8 % on 2023-05-02 (Observation/h1).", true),
        new JudgeCandidate("b", "None.", false));

    private readonly LocalChatClient _client = new(
        new LocalModel(Options.Create(new LocalModelOptions { ModelPath = tiny.ModelPath, ContextSize = 4096, Threads = 1, BatchSize = 512 })),
        new GemmaPromptFormatter(), ownsModel: true);

    [Fact]
    public async Task JudgeAsync_TinyModel_DistributionOverExactlyTheTwoChoiceTokens()
    {
        var judge = new PairwiseJudge(_client, seed: 1);

        var judgment = await judge.JudgeAsync(Pair);

        Assert.Equal(2, judgment.Orders.Count);
        foreach (var order in judgment.Orders)
        {
            Assert.NotEqual("bounded", order.Source);
            Assert.InRange(order.LogProbabilityFirst, double.NegativeInfinity, 0);
            Assert.InRange(order.LogProbabilitySecond, double.NegativeInfinity, 0);
            // The two-way softmax: P(1) + P(2) = 1, each from the model's own log-probabilities.
            var second = 1 / (1 + Math.Exp(order.LogProbabilityFirst - order.LogProbabilitySecond));
            Assert.Equal(1.0, order.FirstProbability + second, 6);
            Assert.InRange(order.InputTokens, 100, 4096);
        }

        Assert.InRange(judgment.Preference, 0, 1);
        Assert.Equal(Math.Abs((2 * judgment.Preference) - 1), judgment.Margin, 9);
    }

    [Fact]
    public async Task GetResponseAsync_ChoiceRequest_ReplyIsOneChoiceTokenAndTheLikelierOfTheTwo()
    {
        var options = ChoiceRequest.For(_client, [1, 2], seed: 1);
        ChatMessage[] question = [new(ChatRole.User, "Which is better, answer 1 or answer 2?\nPreferred answer=")];

        var response = await _client.GetResponseAsync(question, options);

        Assert.Contains(response.Text, new[] { "1", "2" });
        var tokens = ChoiceTokens.Of(response)!;
        Assert.Equal(response.Text, tokens[0].Token);
        var read = ChoiceTokens.At(tokens, ["1", "2"])!.Value;
        var sampled = response.Text == "1" ? 0 : 1;
        Assert.NotNull(read.LogProbabilities[sampled]);
        // Greedy decoding under the grammar picks the likelier allowed token, so the other is never likelier.
        if (read.LogProbabilities[1 - sampled] is { } other)
            Assert.True(other <= read.LogProbabilities[sampled]!.Value + 1e-6);
    }

    public void Dispose() => _client.Dispose();
}
