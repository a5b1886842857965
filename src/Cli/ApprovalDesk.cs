using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Cli;

/// <summary>
/// Where the user meets the agent's proposed writes (Ask mode): each is shown whole (summary and the FHIR resource)
/// once, then approved (written, idempotently) or rejected. Every decision is printed with who made it and when.
/// </summary>
public sealed class ApprovalDesk(QueuedApprovalPolicy queue, TextWriter output, TimeProvider? timeProvider = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The writes waiting, oldest first.</summary>
    public IReadOnlyList<PendingWrite> Pending => queue.Pending;

    /// <summary>Prints the proposals not shown before; returns them.</summary>
    public async Task<IReadOnlyList<PendingWrite>> ShowNewAsync(string hint)
    {
        var fresh = queue.Pending.Where(p => _shown.Add(p.Id)).ToList();
        foreach (var pending in fresh)
            await ShowAsync(pending, hint).ConfigureAwait(false);
        return fresh;
    }

    /// <summary>Prints one proposal whole.</summary>
    public async Task ShowAsync(PendingWrite pending, string hint)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var json = JsonNode.Parse(pending.Write.ResourceJson)!.ToJsonString(Indented);
        await output.WriteLineAsync($"Proposed write {pending.Id} ({pending.Write.Tool}): {pending.Write.Summary}").ConfigureAwait(false);
        await output.WriteLineAsync(json).ConfigureAwait(false);
        if (hint.Length > 0)
            await output.WriteLineAsync(hint.Replace("{id}", pending.Id, StringComparison.Ordinal)).ConfigureAwait(false);
    }

    /// <summary>Writes proposal <paramref name="id"/> (the only one waiting when null); false with a message when there is no such proposal.</summary>
    public async Task<bool> ApproveAsync(string? id, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(id).ConfigureAwait(false) is not { } pending)
            return false;
        var result = await queue.ApproveAsync(pending.Id, WriteApprover.Person(Approver()), cancellationToken).ConfigureAwait(false);
        var what = result.Outcome == Fhir.FhirWriteOutcome.Existing ? "already in the record as" : "written as";
        await output.WriteLineAsync($"Approved {pending.Id} by {Approver()} at {Now()}: {what} {result.Resource.TypeName}/{result.Resource.Id}.").ConfigureAwait(false);
        return true;
    }

    /// <summary>Drops proposal <paramref name="id"/> (the only one waiting when null) unwritten.</summary>
    public async Task<bool> RejectAsync(string? id, string reason)
    {
        if (await ResolveAsync(id).ConfigureAwait(false) is not { } pending)
            return false;
        queue.Reject(pending.Id, reason);
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Trim()})";
        await output.WriteLineAsync($"Rejected {pending.Id} by {Approver()} at {Now()}{why}: nothing written.").ConfigureAwait(false);
        return true;
    }

    private async Task<PendingWrite?> ResolveAsync(string? id)
    {
        var pending = queue.Pending;
        if (id is null)
        {
            if (pending.Count == 1)
                return pending[0];
            await output.WriteLineAsync(pending.Count == 0
                ? "No write is waiting for approval."
                : $"{pending.Count} writes are waiting ({string.Join(", ", pending.Select(p => p.Id))}); name one.").ConfigureAwait(false);
            return null;
        }

        var match = pending.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            await output.WriteLineAsync($"No write '{id}' is waiting{(pending.Count == 0 ? "" : $" (waiting: {string.Join(", ", pending.Select(p => p.Id))})")}.").ConfigureAwait(false);
        return match;
    }

    private static string Approver() => Environment.UserName;

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
