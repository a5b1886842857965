using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// Reads a chat completion body into a <see cref="ChatCompletionRequest"/>. Fields the runtime has no use for
/// (<c>user</c>, <c>presence_penalty</c>, <c>metadata</c>, …) are ignored, as OpenAI clients send them freely; a field
/// we read with a wrong value is a 400 naming it.
/// </summary>
internal static class ChatCompletionRequestReader
{
    /// <summary>Reads <paramref name="root"/>, the parsed body.</summary>
    public static ChatCompletionRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ModelApiException(400, "The request body must be a JSON object.");
        var model = JsonFields.RequiredString(root, "model", "model");
        var messages = MessageReader.Read(JsonFields.Optional(root, "messages")
            ?? throw ModelApiException.BadField("messages", "'messages' is required."));
        if (JsonFields.Integer(root, "n", "n", 1, 128) is > 1)
            throw ModelApiException.BadField("n", "'n' must be 1: this server samples one choice.");

        var (tools, schemas) = ToolReader.ReadTools(root);
        var mode = ToolReader.ReadChoice(root, schemas);
        var (format, responseSchema) = ResponseFormatReader.Read(root);
        if (format is not null && schemas.Count > 0 && mode is not (NoneChatToolMode or RequiredChatToolMode))
            throw ModelApiException.BadField("response_format", "'response_format' with tools needs tool_choice none, required or a named function: an answer in JSON could not be told from a tool call.");

        var options = new ChatOptions
        {
            ModelId = model,
            Tools = tools.Count > 0 ? tools : null,
            ToolMode = mode,
            ResponseFormat = format,
            Temperature = (float?)JsonFields.Number(root, "temperature", "temperature", 0, 2),
            TopP = (float?)JsonFields.Number(root, "top_p", "top_p", 0, 1),
            Seed = JsonFields.Integer(root, "seed", "seed", long.MinValue, long.MaxValue),
            AllowMultipleToolCalls = JsonFields.Boolean(root, "parallel_tool_calls", "parallel_tool_calls"),
            MaxOutputTokens = MaxTokens(root),
        };

        var logprobs = JsonFields.Boolean(root, "logprobs", "logprobs") ?? false;
        var top = JsonFields.Integer(root, "top_logprobs", "top_logprobs", 0, LogProbabilities.MaxAlternatives);
        if (top is not null && !logprobs)
            throw ModelApiException.BadField("top_logprobs", "'top_logprobs' needs 'logprobs': true.");
        if (logprobs)
            (options.AdditionalProperties ??= [])[LogProbabilities.RequestKey] = (int)(top ?? 0);

        var stream = JsonFields.Boolean(root, "stream", "stream") ?? false;
        var includeUsage = JsonFields.Optional(root, "stream_options") is { } streamOptions
            && (JsonFields.Boolean(JsonFields.Object(streamOptions, "stream_options"), "include_usage", "stream_options.include_usage") ?? false);
        return new ChatCompletionRequest(model, messages, options, stream, includeUsage, logprobs, Stop(root), schemas, responseSchema);
    }

    private static int? MaxTokens(JsonElement root)
    {
        var completion = JsonFields.Integer(root, "max_completion_tokens", "max_completion_tokens", 1, int.MaxValue);
        var legacy = JsonFields.Integer(root, "max_tokens", "max_tokens", 1, int.MaxValue);
        return (int?)(completion ?? legacy);
    }

    private static List<string> Stop(JsonElement root)
    {
        if (JsonFields.Optional(root, "stop") is not { } stop)
            return [];
        if (stop.ValueKind == JsonValueKind.String)
            return stop.GetString() is { Length: > 0 } one ? [one] : [];
        JsonFields.Array(stop, "stop");
        var list = new List<string>();
        foreach (var item in stop.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
                throw ModelApiException.BadField("stop", "'stop' must be a string or an array of non-empty strings.");
            list.Add(text);
        }

        return list.Count <= 4 ? list : throw ModelApiException.BadField("stop", "'stop' holds at most 4 sequences.");
    }
}
