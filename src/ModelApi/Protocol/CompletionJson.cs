using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>Writes the parts of OpenAI's completion objects shared by the whole reply and its streamed chunks.</summary>
internal static class CompletionJson
{
    /// <summary><c>id</c>, <c>object</c>, <c>created</c>, <c>model</c>, <c>system_fingerprint</c>.</summary>
    public static void WriteHeader(Utf8JsonWriter json, string objectType, CompletionIdentity identity)
    {
        json.WriteString("id", identity.Id);
        json.WriteString("object", objectType);
        json.WriteNumber("created", identity.Created);
        json.WriteString("model", identity.Model);
        json.WriteNull("system_fingerprint");
    }

    /// <summary>A <c>tool_calls</c> array; with <paramref name="indexed"/> each call carries its <c>index</c> (streamed deltas do).</summary>
    public static void WriteToolCalls(Utf8JsonWriter json, IReadOnlyList<FunctionCallContent> calls, bool indexed)
    {
        json.WriteStartArray("tool_calls");
        for (var i = 0; i < calls.Count; i++)
        {
            json.WriteStartObject();
            if (indexed)
                json.WriteNumber("index", i);
            json.WriteString("id", calls[i].CallId);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", calls[i].Name);
            json.WriteString("arguments", ArgumentsText(calls[i]));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The call's arguments as the JSON text OpenAI's <c>function.arguments</c> carries.</summary>
    public static string ArgumentsText(FunctionCallContent call) =>
        JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);

    /// <summary><c>"logprobs": {"content": [...], "refusal": null}</c>, or null when none were asked for.</summary>
    public static void WriteLogProbabilities(Utf8JsonWriter json, IReadOnlyList<TokenLogProbability>? tokens)
    {
        if (tokens is null)
        {
            json.WriteNull("logprobs");
            return;
        }

        json.WriteStartObject("logprobs");
        json.WriteStartArray("content");
        foreach (var token in tokens)
        {
            json.WriteStartObject();
            WriteToken(json, token.Token, token.LogProbability, token.Bytes);
            json.WriteStartArray("top_logprobs");
            foreach (var alternative in token.TopAlternatives)
            {
                json.WriteStartObject();
                WriteToken(json, alternative.Token, alternative.LogProbability, alternative.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNull("refusal");
        json.WriteEndObject();
    }

    /// <summary><c>"usage": {"prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details": {"cached_tokens"}}</c>.</summary>
    public static void WriteUsage(Utf8JsonWriter json, UsageDetails? usage)
    {
        if (usage is null)
        {
            json.WriteNull("usage");
            return;
        }

        var prompt = usage.InputTokenCount ?? 0;
        var completion = usage.OutputTokenCount ?? 0;
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", prompt);
        json.WriteNumber("completion_tokens", completion);
        json.WriteNumber("total_tokens", usage.TotalTokenCount ?? prompt + completion);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", usage.CachedInputTokenCount ?? 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteToken(Utf8JsonWriter json, string token, float logProbability, byte[] bytes)
    {
        json.WriteString("token", token);
        json.WriteNumber("logprob", logProbability);
        json.WriteStartArray("bytes");
        foreach (var b in bytes)
            json.WriteNumberValue(b);
        json.WriteEndArray();
    }
}
