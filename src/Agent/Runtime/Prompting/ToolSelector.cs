using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// Picks the tools a question is likely to need (<c>Agent:ToolSelection</c>): those sharing the most words with it, by
/// name, description and parameter names, in their original order. A question that shares no word with any tool keeps
/// them all, so a selection never leaves the model with nothing it can use.
/// </summary>
internal static partial class ToolSelector
{
    public static IReadOnlyList<AIFunctionDeclaration> Select(IReadOnlyList<AIFunctionDeclaration> tools, string question, int count)
    {
        if (tools.Count <= count)
            return tools;
        var asked = Words(question);
        var scored = tools.Select((tool, index) => (Tool: tool, Index: index, Score: Words(Text(tool)).Count(asked.Contains))).ToList();
        if (scored.All(s => s.Score == 0))
            return tools;
        var kept = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Take(count).Select(s => s.Index).ToHashSet();
        return scored.Where(s => kept.Contains(s.Index)).Select(s => s.Tool).ToList();
    }

    private static string Text(AIFunctionDeclaration tool)
    {
        var parameters = tool.JsonSchema.ValueKind == System.Text.Json.JsonValueKind.Object && tool.JsonSchema.TryGetProperty("properties", out var p)
            && p.ValueKind == System.Text.Json.JsonValueKind.Object
            ? string.Join(' ', p.EnumerateObject().Select(x => x.Name))
            : "";
        return $"{tool.Name.Replace('_', ' ')} {tool.Description} {parameters.Replace('_', ' ')}";
    }

    // Words of three letters or more, lower-cased, a trailing plural "s" dropped (observations ~ observation).
    private static HashSet<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value.Length > 3 && m.Value.EndsWith('s') ? m.Value[..^1] : m.Value)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "the", "and", "for", "what", "with", "thi", "that", "from", "are", "was", "any", "all", "patient" };

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*")]
    private static partial Regex Word();
}
