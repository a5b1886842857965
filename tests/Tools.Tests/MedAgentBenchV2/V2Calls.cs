using System.Text.Json;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.Tests.MedAgentBenchV2;

/// <summary>Calls a v2 tool with JSON arguments, as the agent loop hands them over (JSON elements).</summary>
internal static class V2Calls
{
    public static async Task<JsonElement> CallAsync(MedAgentBenchV2Tools tools, string name, string argumentsJson)
    {
        var result = await tools.Functions.Single(f => f.Name == name).InvokeAsync(Arguments(argumentsJson));
        return result switch
        {
            JsonElement element => element,
            string text => JsonSerializer.SerializeToElement(text),
            _ => throw new InvalidOperationException($"{name} returned {result?.GetType().Name ?? "null"}."),
        };
    }

    public static AIFunctionArguments Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new AIFunctionArguments(document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()));
    }

    public static List<JsonElement> Entries(JsonElement bundle) => bundle.TryGetProperty("entry", out var entries)
        ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource"))]
        : [];
}
