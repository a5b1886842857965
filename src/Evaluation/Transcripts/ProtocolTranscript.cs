using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Transcripts;

/// <summary>
/// Turns a conversation into <see cref="TranscriptMessage"/>s in the local runtime's protocol, with the runtime's own
/// renderers (<see cref="GemmaPromptFormatter"/>), so a transcript reads exactly as the prompt the model was given:
/// the tools block follows the system text, calls are <c>{"tool_calls": [...]}</c>, results travel as a user turn of
/// <c>{"tool_results": [...]}</c> (Gemma has no tool role). Roles alternate after the system message as Gemma's chat
/// template requires, so a trainer's template renders the same turns.
/// </summary>
internal static class ProtocolTranscript
{
    private static readonly GemmaPromptFormatter Formatter = new();

    /// <summary>The transcript of <paramref name="messages"/> with <paramref name="tools"/> offered (none: no tools block).</summary>
    public static IReadOnlyList<TranscriptMessage> From(IEnumerable<ChatMessage> messages, IEnumerable<AITool>? tools)
    {
        var offered = tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        var transcript = new List<TranscriptMessage>();
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var system = new List<string>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Add(Text(message));
                continue;
            }

            if (message.Role == ChatRole.Assistant)
            {
                var calls = message.Contents.OfType<FunctionCallContent>().ToList();
                foreach (var call in calls)
                    toolNames[call.CallId] = call.Name;
                // As the formatter does: a reply is calls or text, never both, and calls win.
                Add(transcript, "assistant", calls.Count > 0 ? GemmaPromptFormatter.FormatToolCalls(calls) : Text(message));
                continue;
            }

            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            var text = Text(message);
            if (results.Count > 0)
                Add(transcript, "user", GemmaPromptFormatter.FormatToolResults(results, toolNames));
            if (text.Length > 0)
                Add(transcript, "user", text);
        }

        if (offered.Count > 0)
            system.Add(Formatter.FormatToolsBlock(offered));
        system.RemoveAll(s => s.Length == 0);
        if (system.Count > 0)
            transcript.Insert(0, new TranscriptMessage("system", string.Join("\n\n", system)));
        return transcript;
    }

    /// <summary>Appends, merging with the previous message of the same role as the formatter merges turns.</summary>
    private static void Add(List<TranscriptMessage> transcript, string role, string content)
    {
        if (content.Length == 0)
            return;
        if (transcript.Count > 0 && transcript[^1].Role == role)
            transcript[^1] = transcript[^1] with { Content = transcript[^1].Content + "\n\n" + content };
        else
            transcript.Add(new TranscriptMessage(role, content));
    }

    private static string Text(ChatMessage message) => string.Concat(message.Contents.OfType<TextContent>().Select(c => c.Text)).Trim();
}
