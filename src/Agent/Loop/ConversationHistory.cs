using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// The messages of a conversation's answered turns after its system prompt, and the resource ids its tools
/// returned (an answer may cite what an earlier turn read). A turn adds its messages only once it answered.
/// </summary>
internal sealed class ConversationHistory(AgentRunOptions options)
{
    private readonly List<List<ChatMessage>> _turns = [];
    private ChatMessage? _system;

    /// <summary>Ids any tool of the conversation returned, the ones an answer may cite.</summary>
    public HashSet<string> ReturnedIds { get; } = new(StringComparer.Ordinal);

    public int TurnCount => _turns.Count;

    /// <summary>The system prompt, the earlier turns, then <paramref name="current"/>: what the model is sent.</summary>
    public List<ChatMessage> Compose(IReadOnlyList<ChatMessage> current)
    {
        _system ??= SystemMessage(options);
        var messages = new List<ChatMessage>(1 + _turns.Sum(t => t.Count) + current.Count) { _system };
        foreach (var turn in _turns)
            messages.AddRange(turn);
        messages.AddRange(current);
        return messages;
    }

    /// <summary>Keeps an answered turn's messages for the turns after it.</summary>
    public void Add(IReadOnlyList<ChatMessage> turn) => _turns.Add([.. turn]);

    /// <summary>Forgets the oldest turn to make room; false when there is none left to forget.</summary>
    public bool DropOldest()
    {
        if (_turns.Count == 0)
            return false;
        _turns.RemoveAt(0);
        return true;
    }

    // The patient comes as a second text of the one system message: the formatter puts the tools block between the
    // two, so the system prompt and the tools open every conversation alike (what the persistent prefix cache keeps).
    private static ChatMessage SystemMessage(AgentRunOptions options)
    {
        var prompt = PromptLibrary.Load(options.SystemPrompt).Trim();
        if (string.IsNullOrWhiteSpace(options.PatientId))
            return new ChatMessage(ChatRole.System, prompt);
        var patient = PromptLibrary.Render("clinical-agent-patient", new Dictionary<string, string> { ["patient_id"] = options.PatientId });
        return new ChatMessage(ChatRole.System, [new TextContent(prompt), new TextContent("\n\n" + patient.Trim())]);
    }
}
