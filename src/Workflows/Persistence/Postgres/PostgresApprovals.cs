using System.Text.Json.Nodes;
using static ClinicalAgent.Workflows.Persistence.Postgres.PostgresSql;

namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>Approvals in PostgreSQL: the request a step leaves, and the decision a person makes (on any node).</summary>
internal sealed class PostgresApprovals(PostgresSql sql, Func<long> now)
{
    public Task<ApprovalRecord?> GetAsync(string instanceId, string stepId, CancellationToken cancellationToken) =>
        sql.ReadAsync(async c => (await RowsAsync(c, null, ReadApproval, $"SELECT {ApprovalColumns} FROM workflow_approvals WHERE instance_id = @i AND step_id = @s",
            ("i", instanceId), ("s", stepId)).ConfigureAwait(false)).SingleOrDefault(), cancellationToken);

    public Task<ApprovalRecord?> LatestApprovedAsync(string instanceId, CancellationToken cancellationToken) =>
        sql.ReadAsync(async c => (await RowsAsync(c, null, ReadApproval,
            $"SELECT {ApprovalColumns} FROM workflow_approvals WHERE instance_id = @i AND status = 'approved' ORDER BY decided DESC, seq DESC LIMIT 1",
            ("i", instanceId)).ConfigureAwait(false)).SingleOrDefault(), cancellationToken);

    public Task<WorkflowInstance> DecideAsync(string instanceId, bool approve, string by, string? reason, CancellationToken cancellationToken) =>
        sql.InTransactionAsync(async (c, tx) =>
        {
            // The row lock makes two people deciding on two nodes at once take turns: the second finds it decided.
            var instance = (await InstancesAsync(c, tx, "WHERE id = @id FOR UPDATE", ("id", instanceId)).ConfigureAwait(false)).SingleOrDefault()
                ?? throw new InvalidOperationException($"No workflow instance '{instanceId}'.");
            if (instance.Status != InstanceStatus.WaitingApproval || instance.CurrentStep is null)
            {
                throw new InvalidOperationException($"Instance {instanceId} is {instance.Status}, not waiting for an approval.");
            }

            var at = now();
            var status = approve ? "approved" : "rejected";
            var changed = await RunAsync(c, tx, """
                UPDATE workflow_approvals SET status = @st, decided = @now, decided_by = @by, reason = @r
                WHERE instance_id = @i AND step_id = @s AND status = 'pending'
                """, ("st", status), ("now", at), ("by", by), ("r", reason), ("i", instanceId), ("s", instance.CurrentStep)).ConfigureAwait(false);
            if (changed != 1)
            {
                throw new InvalidOperationException($"Instance {instanceId} has no pending approval at step '{instance.CurrentStep}'.");
            }

            var next = approve ? InstanceStatus.Running : InstanceStatus.Rejected;
            await RunAsync(c, tx, "UPDATE workflow_instances SET status = @s, updated = @now, error = @e WHERE id = @id",
                ("s", next.ToString()), ("now", at), ("e", approve ? null : $"Rejected by {by}: {reason}"), ("id", instanceId)).ConfigureAwait(false);
            await AddJournalAsync(c, tx, at, instanceId, instance.CurrentStep, status, new JsonObject { ["by"] = by, ["reason"] = reason }).ConfigureAwait(false);
            if (!approve)
            {
                await AddJournalAsync(c, tx, at, instanceId, null, "rejected_end", null).ConfigureAwait(false);
            }

            return (await InstancesAsync(c, tx, "WHERE id = @id", ("id", instanceId)).ConfigureAwait(false)).Single();
        }, cancellationToken);
}
