using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Explain;

/// <summary>
/// The scripted agent's model: it makes the oracle's calls in order, except that its first call names another
/// patient, and answers with the oracle's answer only when no tool returned an error (else <c>FINISH([-1])</c>), so
/// its failures sit at step 1 and a replay continues the way a model would. Replies cost no time, so what the benchmark
/// measures is the replay machinery (oracle run, tool calls, grading). Each reply reports 100 prompt and 10 generated tokens.
/// </summary>
internal sealed class WrongPatientClient(IReadOnlyDictionary<string, TaskRun> oracleByQuestion) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var oracle = oracleByQuestion[sent.First(m => m.Role == ChatRole.User).Text];
        var made = sent.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count();
        var calls = oracle.Steps.Where(s => s.Kind == "tool").ToList();
        ChatResponse reply;
        if (made < calls.Count)
        {
            var arguments = Arguments(calls[made].Arguments);
            if (made == 0)
                Mistake(arguments);
            reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call_{made + 1}", calls[made].Name!, arguments)]));
        }
        else
        {
            var failed = sent.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Any(r => r.Result?.ToString()?.Contains("\"error\"", StringComparison.Ordinal) == true);
            reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, failed ? "FINISH([-1])" : oracle.AnswerText));
        }

        reply.Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10 };
        return Task.FromResult(reply);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark's agent asks without streaming.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>The questions the agent may be asked, each with the oracle's run of its task.</summary>
    public static async Task<Dictionary<string, TaskRun>> OracleRunsAsync(IBenchAgent oracle, IReadOnlyList<BenchTask> tasks, Func<BenchTask, string> question)
    {
        var runs = new Dictionary<string, TaskRun>(StringComparer.Ordinal);
        foreach (var task in tasks)
            runs[question(task)] = await oracle.RunAsync(task, CancellationToken.None);
        return runs;
    }

    /// <summary>Another patient: the first patient-naming argument's id with its last digit changed.</summary>
    private static void Mistake(Dictionary<string, object?> arguments)
    {
        foreach (var key in new[] { "patient_id", "mrn", "family" })
        {
            if (arguments.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text)
            {
                arguments[key] = text[..^1] + (text[^1] == '9' ? '8' : (char)(text[^1] + 1));
                return;
            }
        }
    }

    private static Dictionary<string, object?> Arguments(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "{}");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }
}
