using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>Approvals: the request a step leaves, and the decision a person makes.</summary>
public sealed partial class WorkflowStore
{
    public Task<ApprovalRecord?> GetApprovalAsync(string instanceId, string stepId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_id, step_id, status, message, requested, decided, decided_by, reason FROM approvals WHERE instance_id = $i AND step_id = $s";
        command.Parameters.AddWithValue("$i", instanceId);
        command.Parameters.AddWithValue("$s", stepId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadApproval(reader) : null);
    }

    /// <summary>The instance's most recently approved approval (who let its writes through); null when none was approved.</summary>
    public Task<ApprovalRecord?> LatestApprovedAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_id, step_id, status, message, requested, decided, decided_by, reason FROM approvals WHERE instance_id = $i AND status = 'approved' ORDER BY decided DESC, rowid DESC LIMIT 1";
        command.Parameters.AddWithValue("$i", instanceId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadApproval(reader) : null);
    }

    /// <summary>
    /// Decides the pending approval of a waiting instance: approved sets it running again (its approval step then
    /// completes), rejected ends it. Fails when the instance is not waiting for an approval.
    /// </summary>
    public Task<WorkflowInstance> DecideAsync(string instanceId, bool approve, string by, string? reason, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            var instance = Query(tx, "SELECT * FROM instances WHERE id = $id", ("$id", instanceId)).SingleOrDefault()
                ?? throw new InvalidOperationException($"No workflow instance '{instanceId}'.");
            if (instance.Status != InstanceStatus.WaitingApproval || instance.CurrentStep is null)
            {
                throw new InvalidOperationException($"Instance {instanceId} is {instance.Status}, not waiting for an approval.");
            }

            var status = approve ? "approved" : "rejected";
            var changed = Run(tx, "UPDATE approvals SET status = $st, decided = $now, decided_by = $by, reason = $r WHERE instance_id = $i AND step_id = $s AND status = 'pending'",
                ("$st", status), ("$now", Now), ("$by", by), ("$r", reason), ("$i", instanceId), ("$s", instance.CurrentStep));
            if (changed != 1)
            {
                throw new InvalidOperationException($"Instance {instanceId} has no pending approval at step '{instance.CurrentStep}'.");
            }

            var next = approve ? InstanceStatus.Running : InstanceStatus.Rejected;
            Run(tx, "UPDATE instances SET status = $s, updated = $now, error = $e WHERE id = $id",
                ("$s", next.ToString()), ("$now", Now), ("$e", approve ? null : $"Rejected by {by}: {reason}"), ("$id", instanceId));
            AddJournal(tx, instanceId, instance.CurrentStep, status, new JsonObject { ["by"] = by, ["reason"] = reason });
            if (!approve)
            {
                AddJournal(tx, instanceId, null, "rejected_end", null);
            }

            return Query(tx, "SELECT * FROM instances WHERE id = $id", ("$id", instanceId)).Single();
        }, cancellationToken);

    private static ApprovalRecord ReadApproval(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
}
