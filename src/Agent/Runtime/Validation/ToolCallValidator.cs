using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>
/// Checks a tool call's arguments against the tool's whole JSON Schema, whichever model wrote them: the local
/// grammar enforces most of a schema while sampling, an OpenAI-compatible server none of it, and what is left
/// (<see cref="Grammar.GrammarRelaxation"/>) is checked here, before the tool runs.
/// </summary>
internal static class ToolCallValidator
{
    /// <summary>Every violation; empty when the call may run.</summary>
    /// <remarks>An argument given as null counts as left out, as the tools bind it.</remarks>
    public static IReadOnlyList<SchemaViolation> Validate(AIFunctionDeclaration tool, IDictionary<string, object?>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var given = (arguments ?? new Dictionary<string, object?>()).Where(a => a.Value is not null && a.Value is not JsonElement { ValueKind: JsonValueKind.Null })
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var value = JsonSerializer.SerializeToElement(given, AIJsonUtilities.DefaultOptions);
        return JsonSchemaValidator.Validate(tool.JsonSchema, value);
    }
}
