using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

// TEMPORARY stand-in until the grammar branch lands its formatter; deleted on merge.
public sealed class GemmaPromptFormatter
{
    public string Format(IReadOnlyList<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration> tools)
    {
        var sb = new StringBuilder();
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var first = true;
        foreach (var m in messages.Where(m => m.Role != ChatRole.System))
        {
            var role = m.Role == ChatRole.Assistant ? "model" : "user";
            sb.Append("<start_of_turn>").Append(role).Append('\n');
            if (first)
            {
                if (system.Length > 0) sb.Append(system).Append("\n\n");
                if (tools.Count > 0)
                {
                    sb.Append("Tools:\n");
                    foreach (var t in tools) sb.Append(t.Name).Append(": ").Append(t.Description).Append(' ').Append(t.JsonSchema.GetRawText()).Append('\n');
                    sb.Append('\n');
                }
                first = false;
            }
            foreach (var c in m.Contents)
            {
                switch (c)
                {
                    case TextContent t: sb.Append(t.Text); break;
                    case FunctionCallContent f: sb.Append("{\"tool_calls\": [{\"name\": \"").Append(f.Name).Append("\", \"arguments\": ").Append(JsonSerializer.Serialize(f.Arguments)).Append("}]}"); break;
                    case FunctionResultContent r: sb.Append("{\"tool_results\": [").Append(JsonSerializer.Serialize(r.Result?.ToString())).Append("]}"); break;
                }
            }
            sb.Append("<end_of_turn>\n");
        }
        sb.Append("<start_of_turn>model\n");
        return sb.ToString();
    }
}
