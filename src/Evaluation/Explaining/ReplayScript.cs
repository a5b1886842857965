using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// The model replies a counterfactual starts with: the run's own replies up to the substituted decision (a reply cut
/// where the decision falls inside it), then the oracle's decision as a reply of its own. The agent loop runs the calls
/// in them against the real store, so each reaches the model's context with its real result.
/// </summary>
internal static class ReplayScript
{
    public static IReadOnlyList<ChatResponse> Build(IReadOnlyList<TraceAction> run, Substitution substitution)
    {
        var replies = new List<ChatResponse>();
        foreach (var reply in run.Take(substitution.Step).GroupBy(a => a.Reply))
            replies.Add(Reply([.. reply], replies.Count));
        replies.Add(Reply([substitution.Oracle], replies.Count));
        return replies;
    }

    private static ChatResponse Reply(IReadOnlyList<TraceAction> actions, int index)
    {
        if (actions[0].IsAnswer)
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, actions[0].AnswerText ?? "")) { FinishReason = ChatFinishReason.Stop };
        var calls = actions.Where(a => !a.IsAnswer)
            .Select((a, i) => (AIContent)new FunctionCallContent($"replay_{index + 1}_{i + 1}", a.Tool!, Arguments(a.ArgumentsJson)))
            .ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, calls)) { FinishReason = ChatFinishReason.ToolCalls };
    }

    /// <summary>The arguments as the model's parser gives them: JSON values by name.</summary>
    private static Dictionary<string, object?> Arguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : [];
    }
}
