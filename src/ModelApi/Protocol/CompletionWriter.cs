using System.Text.Json;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>Writes a whole <c>chat.completion</c> object.</summary>
internal static class CompletionWriter
{
    public static void Write(Utf8JsonWriter json, CompletionIdentity identity, CompletionResult result)
    {
        json.WriteStartObject();
        CompletionJson.WriteHeader(json, "chat.completion", identity);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (result.Content is null)
            json.WriteNull("content");
        else
            json.WriteString("content", result.Content);
        json.WriteNull("refusal");
        if (result.ToolCalls.Count > 0)
            CompletionJson.WriteToolCalls(json, result.ToolCalls, indexed: false);
        json.WriteEndObject();
        CompletionJson.WriteLogProbabilities(json, result.LogProbabilities);
        json.WriteString("finish_reason", result.FinishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        CompletionJson.WriteUsage(json, result.Usage);
        json.WriteEndObject();
    }
}
