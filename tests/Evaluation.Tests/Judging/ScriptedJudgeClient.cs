using System.Text;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Tests.Judging;

/// <summary>
/// A deterministic judge: <see cref="FirstProbability"/> decides, from the answers the prompt shows, how likely the
/// first one is preferred, and the reply is the more likely choice token with log-probabilities ln p and ln(1 − p),
/// as our runtime reports them. A forced request (the response format allows one choice) answers that token with its
/// log-probability. <see cref="HideOther"/> leaves the choice not sampled out of the alternatives.
/// </summary>
internal sealed class ScriptedJudgeClient(Func<string, string, double> firstProbability) : IChatClient
{
    public Func<string, string, double> FirstProbability { get; } = firstProbability;

    public bool HideOther { get; init; }

    public bool NoLogProbabilities { get; init; }

    public int Calls { get; private set; }

    public List<string> Prompts { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var prompt = messages.Last().Text;
        Prompts.Add(prompt);
        var first = Between(prompt, "Answer 1:\n", "\n\nAnswer 2:");
        var second = Between(prompt, "Answer 2:\n", "\n\nReply with");
        var p = FirstProbability(first, second);
        double[] logs = [Math.Log(p), Math.Log(1 - p)];
        var allowed = Allowed(options);
        var sampled = allowed.Count == 1 ? allowed[0] : (p >= 0.5 ? 1 : 2);
        var alternatives = new List<TokenAlternative> { Alternative(sampled, logs[sampled - 1]) };
        if (!HideOther)
            alternatives.Add(Alternative(3 - sampled, logs[2 - sampled]));
        var token = new TokenLogProbability(sampled.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(sampled.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (float)logs[sampled - 1], alternatives);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, token.Token))
        {
            Usage = new UsageDetails { InputTokenCount = prompt.Length / 4, OutputTokenCount = 1 },
            AdditionalProperties = NoLogProbabilities ? null : new() { [LogProbabilities.ResponseKey] = new List<TokenLogProbability> { token } },
        };
        return Task.FromResult(response);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static TokenAlternative Alternative(int choice, double log) =>
        new(choice.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(choice.ToString(System.Globalization.CultureInfo.InvariantCulture)), (float)log);

    /// <summary>The choices the request's response format allows (the schema's enum).</summary>
    private static List<int> Allowed(ChatOptions? options) =>
        options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } && schema.TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Select(v => v.GetInt32())]
            : throw new InvalidOperationException("The judge asked without a choice schema.");

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }
}
