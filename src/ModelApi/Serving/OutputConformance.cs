using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.ModelApi.Protocol;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>
/// Checks what the model produced against the request's schemas before it leaves: every tool call against its tool's
/// parameters, a <c>json_schema</c> answer against its schema. The grammar already enforces almost all of a schema;
/// this catches the constructs it relaxes, so a client never receives a call or an answer that does not match.
/// </summary>
internal static class OutputConformance
{
    /// <summary>The first problem found, or null when the output conforms. A reply cut off by the token budget
    /// (<c>length</c>) is not checked: the finish reason already tells the client it is incomplete.</summary>
    public static string? Problem(ChatCompletionRequest request, string? content, IReadOnlyList<FunctionCallContent> calls, string finishReason)
    {
        foreach (var call in calls)
        {
            if (!request.ToolSchemas.TryGetValue(call.Name, out var schema))
                return $"the model called '{call.Name}', which was not offered";
            var arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
            if (SchemaConformance.Violations(schema, arguments) is { Count: > 0 } violations)
                return $"the call of '{call.Name}' does not match its schema: {violations[0]}";
        }

        if (request.ResponseSchema is not { } responseSchema || finishReason == "length" || calls.Count > 0)
            return null;
        try
        {
            using var document = JsonDocument.Parse(content ?? "");
            return SchemaConformance.Violations(responseSchema, document.RootElement) is { Count: > 0 } violations
                ? $"the answer does not match response_format's schema: {violations[0]}"
                : null;
        }
        catch (JsonException)
        {
            return "the answer is not valid JSON";
        }
    }
}
