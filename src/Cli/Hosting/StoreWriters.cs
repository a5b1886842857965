using System.CommandLine;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// Which commands are long-running writers of the embedded store, holding its <c>&lt;db&gt;.lock</c>
/// (<c>Fhir:Writer</c>) so a second one fails at once naming the first: <c>serve</c>, <c>fhir serve</c>,
/// <c>fhir import</c>, <c>fhir seed</c>, and <c>ask</c>/<c>chat</c> with <c>--writes ask|allow</c>. Everything else
/// is a reader or writes once and briefly (a workflow step, a first-use seed) and runs beside a writer, SQLite
/// ordering its few writes.
/// </summary>
internal static class StoreWriters
{
    private static readonly HashSet<string> Always = new(StringComparer.Ordinal) { "serve", "fhir serve", "fhir import", "fhir seed" };
    private static readonly HashSet<string> WhenWriting = new(StringComparer.Ordinal) { "ask", "chat" };

    /// <summary>The holder's name (<c>clinicalagent serve</c>), or null when the command takes no lock.</summary>
    public static string? Holder(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        var path = string.Join(' ', names);
        var writes = WhenWriting.Contains(path)
            && (parse.GetValue<ApprovalMode?>("--writes") is ApprovalMode.Ask or ApprovalMode.Allow || parse.GetValue<bool>("--allow-writes"));
        return Always.Contains(path) || writes ? "clinicalagent " + path : null;
    }
}
