using System.CommandLine;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// What the agent's write tools may do: <c>--writes deny</c> (the default: proposals are only shown),
/// <c>--writes ask</c> (each proposal waits for the user's approval) or <c>--writes allow</c> / <c>--allow-writes</c>.
/// </summary>
public sealed class WriteApprovalOptionSet
{
    private readonly Option<ApprovalMode?> _writes = new("--writes") { Description = "deny (default): writes are only proposed; ask: you approve or reject each; allow: written at once." };
    private readonly Option<bool> _allow = new("--allow-writes") { Description = "Same as --writes allow: the agent's writes reach the record without asking." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_writes);
        command.Options.Add(_allow);
    }

    /// <summary>The mode asked for, as <c>Tools:WriteApproval</c>.</summary>
    /// <exception cref="ArgumentException">Both options disagree, or the mode is not one for people.</exception>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        var mode = Read(parse);
        // Only what the command line says: without either option the configuration's mode (default deny) stands.
        if (parse.GetValue(_writes) is not null || parse.GetValue(_allow))
            yield return new("Tools:WriteApproval", mode.ToString());
    }

    /// <summary>The mode asked for.</summary>
    /// <exception cref="ArgumentException">Both options disagree, or the mode is not one for people.</exception>
    public ApprovalMode Read(ParseResult parse)
    {
        var mode = parse.GetValue(_writes);
        // Record mode is the benchmark's: the model hears "accepted" while nothing is written, which would mislead a user.
        if (mode == ApprovalMode.Record)
            throw new ArgumentException("--writes takes deny, ask or allow ('record' is for benchmark runs).");
        if (!parse.GetValue(_allow))
            return mode ?? ApprovalMode.Deny;
        if (mode is not (null or ApprovalMode.Allow))
            throw new ArgumentException($"--allow-writes contradicts --writes {mode.Value.ToString().ToLowerInvariant()}; give one of them.");
        return ApprovalMode.Allow;
    }
}
