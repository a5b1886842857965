using ClinicalAgent.Evaluation.Judging;

namespace ClinicalAgent.Evaluation.Tests.Judging;

public sealed class PairwiseJudgeTests
{
    private static readonly JudgeItem Pair = new("task13_1", 13, "When was the last HbA1c of patient S1?",
        new JudgeCandidate("run-a", "GOOD: 6.8 % on 2023-05-02 (Observation/h1).", true),
        new JudgeCandidate("run-b", "It was fine.", false));

    [Fact]
    public async Task JudgeAsync_JudgeAlwaysPrefersFirstPosition_PreferenceHalfAndNeverConsistent()
    {
        var judge = new PairwiseJudge(new ScriptedJudgeClient((_, _) => 0.9));

        var judgment = await judge.JudgeAsync(Pair);

        Assert.Equal(0.5, judgment.Preference, 6);
        Assert.Equal(0, judgment.Margin, 6);
        Assert.False(judgment.Consistent);
        Assert.Equal(["AB", "BA"], judgment.Orders.Select(o => o.Order));
        Assert.All(judgment.Orders, o => Assert.Equal(0.9, o.FirstProbability, 5));
    }

    [Fact]
    public async Task JudgeAsync_JudgeWithKnownPreference_RecoversItInBothOrders()
    {
        var judge = new PairwiseJudge(new ScriptedJudgeClient((first, _) => first.StartsWith("GOOD", StringComparison.Ordinal) ? 0.8 : 0.2));

        var judgment = await judge.JudgeAsync(Pair);

        Assert.Equal(0.8, judgment.Preference, 5);
        Assert.Equal(0.6, judgment.Margin, 5);
        Assert.Equal("A", judgment.Preferred);
        Assert.True(judgment.Consistent);
        Assert.True(judgment.AgreesWithGrader);
    }

    [Fact]
    public async Task JudgeAsync_PreferenceUnderPositionBias_AveragesTheOrders()
    {
        // Prefers the good answer 0.9 when it comes first, but only 0.5 when it comes second: a pull to position 1.
        var judge = new PairwiseJudge(new ScriptedJudgeClient((first, _) => first.StartsWith("GOOD", StringComparison.Ordinal) ? 0.9 : 0.5));

        var judgment = await judge.JudgeAsync(Pair);

        Assert.Equal(0.7, judgment.Preference, 5);
        Assert.False(judgment.Consistent); // 0.5 in the second order is a tie, which greedy decoding breaks to position 1
    }

    [Fact]
    public async Task JudgeAsync_OtherChoiceNotAmongAlternatives_ReadsItByAForcedCall()
    {
        var client = new ScriptedJudgeClient((first, _) => first.StartsWith("GOOD", StringComparison.Ordinal) ? 0.8 : 0.2) { HideOther = true };
        var judge = new PairwiseJudge(client);

        var judgment = await judge.JudgeAsync(Pair);

        Assert.Equal(0.8, judgment.Preference, 5);
        Assert.All(judgment.Orders, o => Assert.Equal("forced", o.Source));
        Assert.Equal(4, judgment.ModelCalls);
        Assert.Equal(4, client.Calls);
    }

    [Fact]
    public async Task JudgeAsync_ReplyWithoutLogProbabilities_FailsWithAClearMessage()
    {
        var judge = new PairwiseJudge(new ScriptedJudgeClient((_, _) => 0.7) { NoLogProbabilities = true });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => judge.JudgeAsync(Pair));

        Assert.Contains("log-probabilities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_Prompt_ShowsTheRubricAndBothAnswersSwapped()
    {
        var client = new ScriptedJudgeClient((_, _) => 0.6);

        await new PairwiseJudge(client).JudgeAsync(Pair);

        Assert.Equal(2, client.Prompts.Count);
        Assert.Contains("Rubric", client.Prompts[0], StringComparison.Ordinal);
        Assert.True(client.Prompts[0].IndexOf("GOOD", StringComparison.Ordinal) < client.Prompts[0].IndexOf("It was fine.", StringComparison.Ordinal));
        Assert.True(client.Prompts[1].IndexOf("GOOD", StringComparison.Ordinal) > client.Prompts[1].IndexOf("It was fine.", StringComparison.Ordinal));
        Assert.EndsWith("Preferred answer=", client.Prompts[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, false, "A")]
    [InlineData(false, true, false, "B")]
    [InlineData(true, true, false, null)]
    [InlineData(false, false, false, null)]
    [InlineData(false, null, true, "B")]
    [InlineData(true, null, true, null)]
    public void GraderPreference_Verdicts_PrefersOnlyWhereTheGraderSeparatesThem(bool? a, bool? b, bool bIsReference, string? expected)
    {
        var preferred = PairwiseJudge.GraderPreference(a, b, bIsReference);

        Assert.Equal(expected, preferred);
    }
}
