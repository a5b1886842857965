using System.Diagnostics;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// Judges a pair of answers as RLAIF does (arXiv 2309.00267): the rubric prompt (<c>prompts/judge-pairwise.md</c>) shows
/// the question and the two answers and ends asking for the preferred one's number; the reply is forced to the token
/// "1" or "2", and the soft label is the softmax over those two tokens' log-probabilities. Both orders are asked
/// (A first, then B first) and the probability that A is better is averaged over them, so a judge that always picks
/// one position lands on 0.5 instead of deciding. A model other than the agent's is recommended: a model grading
/// itself prefers its own phrasing.
/// </summary>
/// <param name="client">The judge model.</param>
/// <param name="seed">Sampling seed of the judge's calls (decoding is greedy; the seed only matters to servers that sample anyway).</param>
public sealed class PairwiseJudge(IChatClient client, int? seed = null)
{
    /// <summary>The rubric prompt's file name in <c>prompts/</c>.</summary>
    public const string Prompt = "judge-pairwise";

    private static readonly string[] Choices = ["1", "2"];

    /// <summary>Asks both orders and combines them.</summary>
    /// <exception cref="InvalidDataException">A reply carries no log-probabilities or no choice token.</exception>
    public async Task<PairJudgment> JudgeAsync(JudgeItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var watch = Stopwatch.StartNew();
        var ab = await AskAsync("AB", item.Question, item.A.Text, item.B.Text, cancellationToken).ConfigureAwait(false);
        var ba = await AskAsync("BA", item.Question, item.B.Text, item.A.Text, cancellationToken).ConfigureAwait(false);
        var preference = (ab.FirstProbability + (1 - ba.FirstProbability)) / 2;
        // The hard choice of each order; at exactly 0.5 the first position, as greedy decoding of a tie would.
        var abPicksA = ab.FirstProbability >= 0.5;
        var baPicksA = ba.FirstProbability < 0.5;
        var preferred = preference > 0.5 ? "A" : preference < 0.5 ? "B" : "tie";
        var grader = GraderPreference(item.A.Passed, item.B.Passed, item.B.Source == JudgeSession.ReferenceName);
        return new PairJudgment(item.TaskId, item.Category, item.A.Source, item.B.Source, preference, Math.Abs((2 * preference) - 1), preferred,
            abPicksA == baPicksA, [ab, ba], item.A.Passed, item.B.Passed, grader is null ? null : grader == preferred,
            ab.Calls + ba.Calls, ab.InputTokens + ba.InputTokens, ab.OutputTokens + ba.OutputTokens, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The answer the rule grader prefers: between two runs, the one that passed when exactly one did; against the
    /// reference (right by construction), the reference when the run failed. Null where it prefers neither.
    /// </summary>
    internal static string? GraderPreference(bool? a, bool? b, bool bIsReference)
    {
        if (bIsReference)
            return a == false ? "B" : null;
        return a is { } passedA && b is { } passedB && passedA != passedB ? (passedA ? "A" : "B") : null;
    }

    private async Task<OrderVerdict> AskAsync(string order, string question, string first, string second, CancellationToken cancellationToken)
    {
        var prompt = PromptLibrary.Render(Prompt, new Dictionary<string, string>
        {
            ["question"] = question.Trim(),
            ["first"] = first.Trim(),
            ["second"] = second.Trim(),
        });
        List<ChatMessage> messages = [new(ChatRole.User, prompt.Trim())];
        var response = await client.GetResponseAsync(messages, ChoiceRequest.For(client, [1, 2], seed), cancellationToken).ConfigureAwait(false);
        long input = response.Usage?.InputTokenCount ?? 0, output = response.Usage?.OutputTokenCount ?? 0;
        var read = Read(response);
        var values = read.LogProbabilities;
        var source = "alternatives";
        var calls = 1;
        var missing = Array.FindIndex(values, v => v is null);
        if (missing >= 0)
        {
            // The choice not sampled fell outside the top alternatives: a second call whose grammar allows only it reads
            // its log-probability exactly (they are taken before grammar masking).
            var forced = await client.GetResponseAsync(messages, ChoiceRequest.For(client, [missing + 1], seed), cancellationToken).ConfigureAwait(false);
            calls++;
            input += forced.Usage?.InputTokenCount ?? 0;
            output += forced.Usage?.OutputTokenCount ?? 0;
            var again = ChoiceTokens.Of(forced) is { } tokens ? ChoiceTokens.At(tokens, [Choices[missing]]) : null;
            if (again?.LogProbabilities[0] is { } exact)
            {
                values[missing] = exact;
                source = "forced";
            }
            else
            {
                values[missing] = read.Weakest;
                source = "bounded";
            }
        }

        double l1 = values[0]!.Value, l2 = values[1]!.Value;
        // Softmax over the two: 1 / (1 + e^(l2 − l1)), stable for very negative values.
        var firstProbability = 1 / (1 + Math.Exp(l2 - l1));
        return new OrderVerdict(order, firstProbability, l1, l2, source, calls, input, output);
    }

    private static (double?[] LogProbabilities, double Weakest) Read(ChatResponse response)
    {
        var tokens = ChoiceTokens.Of(response)
            ?? throw new InvalidDataException("The judge model's reply carries no log-probabilities; use our runtime (--judge-model) or a server that returns 'logprobs' (vLLM, llama.cpp server, clinicalagent serve).");
        return ChoiceTokens.At(tokens, Choices)
            ?? throw new InvalidDataException("The judge model's reply is not the choice 1 or 2; the server must honour the JSON-schema response format.");
    }
}
