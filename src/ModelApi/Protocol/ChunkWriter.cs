using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>Writes <c>chat.completion.chunk</c> objects, one per server-sent event.</summary>
internal static class ChunkWriter
{
    /// <summary>A chunk whose one choice has <paramref name="writeDelta"/>'s delta, and a finish reason or null.</summary>
    public static void Write(Utf8JsonWriter json, CompletionIdentity identity, Action<Utf8JsonWriter> writeDelta,
        string? finishReason = null, IReadOnlyList<TokenLogProbability>? logProbabilities = null)
    {
        json.WriteStartObject();
        CompletionJson.WriteHeader(json, "chat.completion.chunk", identity);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        writeDelta(json);
        json.WriteEndObject();
        CompletionJson.WriteLogProbabilities(json, logProbabilities);
        if (finishReason is null)
            json.WriteNull("finish_reason");
        else
            json.WriteString("finish_reason", finishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The first delta: the role, with empty content.</summary>
    public static void Role(Utf8JsonWriter json)
    {
        json.WriteString("role", "assistant");
        json.WriteString("content", "");
    }

    /// <summary>A piece of the answer.</summary>
    public static Action<Utf8JsonWriter> Content(string text) => json => json.WriteString("content", text);

    /// <summary>The calls, whole: the runtime yields a call only once it is complete.</summary>
    public static Action<Utf8JsonWriter> ToolCalls(IReadOnlyList<FunctionCallContent> calls) =>
        json => CompletionJson.WriteToolCalls(json, calls, indexed: true);

    /// <summary>An empty delta (the chunk that carries the finish reason).</summary>
    public static void Empty(Utf8JsonWriter json)
    {
    }

    /// <summary>The usage chunk of <c>stream_options.include_usage</c>: no choices.</summary>
    public static void Usage(Utf8JsonWriter json, CompletionIdentity identity, UsageDetails? usage)
    {
        json.WriteStartObject();
        CompletionJson.WriteHeader(json, "chat.completion.chunk", identity);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        CompletionJson.WriteUsage(json, usage);
        json.WriteEndObject();
    }
}
