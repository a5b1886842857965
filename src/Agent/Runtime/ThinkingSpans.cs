using System.Text;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// Separates thinking spans from a reply: MedGemma's <c>&lt;unused94&gt;thought … &lt;unused95&gt;</c>
/// and the common <c>&lt;think&gt; … &lt;/think&gt;</c>. A span left open (generation stopped inside
/// it) runs to the end of the reply.
/// </summary>
internal static class ThinkingSpans
{
    private static readonly (string Start, string End)[] Delimiters =
    [
        (ReplyProtocol.ThoughtStart, ReplyProtocol.ThoughtEnd),
        ("<think>", "</think>"),
    ];

    public static (string Answer, string? Thinking) Extract(string reply)
    {
        var rest = new StringBuilder(reply.Length);
        var thoughts = new List<string>();
        var position = 0;
        while (position < reply.Length)
        {
            var (start, delimiter) = NextStart(reply, position);
            if (start < 0)
            {
                rest.Append(reply, position, reply.Length - position);
                break;
            }

            rest.Append(reply, position, start - position);
            var bodyStart = start + delimiter.Start.Length;
            var end = reply.IndexOf(delimiter.End, bodyStart, StringComparison.Ordinal);
            var body = end < 0 ? reply[bodyStart..] : reply[bodyStart..end];
            thoughts.Add(Clean(body, delimiter.Start));
            position = end < 0 ? reply.Length : end + delimiter.End.Length;
        }

        var thinking = string.Join("\n\n", thoughts.Where(t => t.Length > 0));
        return (rest.ToString(), thoughts.Count == 0 ? null : thinking);
    }

    private static (int Index, (string Start, string End) Delimiter) NextStart(string reply, int from)
    {
        var best = (Index: -1, Delimiter: Delimiters[0]);
        foreach (var delimiter in Delimiters)
        {
            var index = reply.IndexOf(delimiter.Start, from, StringComparison.Ordinal);
            if (index >= 0 && (best.Index < 0 || index < best.Index))
            {
                best = (index, delimiter);
            }
        }

        return best;
    }

    /// <summary>MedGemma writes the word "thought" right after the start token; it is a label, not thinking.</summary>
    private static string Clean(string body, string start)
    {
        var text = body.Trim();
        if (start == ReplyProtocol.ThoughtStart && text.StartsWith("thought", StringComparison.Ordinal))
        {
            text = text["thought".Length..].TrimStart();
        }

        return text;
    }
}
