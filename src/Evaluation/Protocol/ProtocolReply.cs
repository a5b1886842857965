namespace ClinicalAgent.Evaluation.Protocol;

/// <summary>One model reply read as MedAgentBench's text protocol.</summary>
/// <param name="Kind"><c>get</c>, <c>post</c>, <c>finish</c> or <c>invalid</c>.</param>
/// <param name="Url">The GET or POST URL.</param>
/// <param name="Body">The POST body (JSON text) or the FINISH list text.</param>
internal sealed record ProtocolReply(string Kind, string? Url = null, string? Body = null)
{
    /// <summary>Reads a reply: <c>GET url</c>, <c>POST url</c> + a JSON body, or <c>FINISH([...])</c>; anything else is invalid.</summary>
    public static ProtocolReply Parse(string text)
    {
        var reply = StripFence(text.Trim());
        if (reply.StartsWith("GET", StringComparison.Ordinal))
        {
            var url = reply[3..].Trim().Split('\n')[0].Trim();
            return url.Length == 0 ? new("invalid") : new("get", url);
        }

        if (reply.StartsWith("POST", StringComparison.Ordinal))
        {
            var lines = reply[4..].Split('\n', 2);
            var url = lines[0].Trim();
            var body = lines.Length > 1 ? StripFence(lines[1].Trim()) : "";
            return url.Length == 0 ? new("invalid") : new("post", url, body);
        }

        return reply.StartsWith("FINISH(", StringComparison.Ordinal) ? new("finish", Body: reply) : new("invalid", Body: reply);
    }

    // Models often wrap a reply or a body in a Markdown code fence; the protocol is the text inside.
    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal))
            return text;
        var start = text.IndexOf('\n');
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start >= 0 && end > start ? text[(start + 1)..end].Trim() : text.Trim('`').Trim();
    }
}
