using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Tests.Explaining;

/// <summary>
/// A scripted agent's model: it plays the oracle's decisions in order, by how many calls the conversation already
/// holds, except where <see cref="Plant"/> puts a mistake of its own, so it reacts to a prefilled conversation the way
/// a model would continue one. Every reply reports 100 prompt and 10 generated tokens.
/// </summary>
internal sealed class PlantedPolicyClient(IReadOnlyDictionary<string, (BenchTask Task, TaskRun Oracle)> byTask) : IChatClient
{
    /// <summary>The mistake at a point: (task, calls so far) to a reply, or null to play the oracle.</summary>
    public Func<BenchTask, IReadOnlyList<FunctionCallContent>, ChatResponse?> Plant { get; init; } = (_, _) => null;

    /// <summary>Planted calls made besides the oracle's (they do not take an oracle call's place).</summary>
    public Func<FunctionCallContent, bool> Extra { get; init; } = _ => false;

    /// <summary>Requests answered.</summary>
    public int Requests { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        Requests++;
        var question = sent.First(m => m.Role == ChatRole.User).Text;
        var (task, oracle) = byTask.Values.Single(t => question == BenchQuestion.For(t.Task));
        var calls = sent.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        var reply = Plant(task, calls) ?? Oracle(oracle, calls.Count(c => !Extra(c)));
        reply.Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10 };
        return Task.FromResult(reply);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The agent loop asks without streaming here.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>A call the policy plants.</summary>
    public static ChatResponse Call(string tool, object arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("planted", tool, Arguments(JsonSerializer.Serialize(arguments)))]));

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>The oracle's decision after <paramref name="made"/> of its calls: the next call, else its answer.</summary>
    private static ChatResponse Oracle(TaskRun oracle, int made)
    {
        var calls = oracle.Steps.Where(s => s.Kind == "tool").ToList();
        return made < calls.Count
            ? new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"oracle_{made + 1}", calls[made].Name!, Arguments(calls[made].Arguments))]))
            : Answer(oracle.AnswerText);
    }

    private static Dictionary<string, object?> Arguments(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "{}");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }
}
