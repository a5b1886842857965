using System.Diagnostics;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>
/// Leases, so two processes on one store never run the same instance at once: a runner claims an instance; a claim
/// is free once released, expired, or held by a process of this machine that no longer exists (a killed runner).
/// </summary>
public sealed partial class WorkflowStore
{
    /// <summary>An owner name for this process: machine, process id, and a tag per engine.</summary>
    public static string NewOwner() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Claims a running instance for <paramref name="owner"/>; false when another live runner holds it or it is not runnable.</summary>
    public Task<bool> TryClaimAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            using var read = _write.CreateCommand();
            read.Transaction = tx;
            read.CommandText = "SELECT status, owner, lease_until FROM instances WHERE id = $id";
            read.Parameters.AddWithValue("$id", instanceId);
            using (var reader = read.ExecuteReader())
            {
                if (!reader.Read() || reader.GetString(0) != nameof(InstanceStatus.Running))
                {
                    return false;
                }

                var holder = reader.IsDBNull(1) ? null : reader.GetString(1);
                var until = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
                if (holder is not null && holder != owner && Holds(holder, until))
                {
                    return false;
                }
            }

            Run(tx, "UPDATE instances SET owner = $o, lease_until = $u WHERE id = $id", ("$o", owner), ("$u", Now + (long)lease.TotalMilliseconds), ("$id", instanceId));
            return true;
        }, cancellationToken);

    public Task<bool> RenewAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx => Run(tx, "UPDATE instances SET lease_until = $u WHERE id = $id AND owner = $o",
            ("$u", Now + (long)lease.TotalMilliseconds), ("$id", instanceId), ("$o", owner)) == 1, cancellationToken);

    /// <summary>Gives up a claim.</summary>
    public Task ReleaseAsync(string instanceId, string owner, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx => Run(tx, "UPDATE instances SET owner = NULL, lease_until = NULL WHERE id = $id AND owner = $o", ("$id", instanceId), ("$o", owner)), cancellationToken);

    /// <summary>Ids of the instances that have a step to run, oldest first: what a restart resumes.</summary>
    public Task<IReadOnlyList<string>> RunnableAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult<IReadOnlyList<string>>(Query(connection, null, "SELECT * FROM instances WHERE status = $s ORDER BY created",
            ("$s", nameof(InstanceStatus.Running))).Select(i => i.Id).ToList());
    }

    public Task<IReadOnlyList<string>> ClaimableAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, owner, lease_until FROM instances WHERE status = $s ORDER BY created";
        command.Parameters.AddWithValue("$s", nameof(InstanceStatus.Running));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || !Holds(reader.GetString(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2)))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <summary>Sets a failed instance running again from its failed step.</summary>
    public Task<bool> ReviveAsync(string instanceId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            var changed = Run(tx, "UPDATE instances SET status = $r, error = NULL, updated = $now WHERE id = $id AND status = $f",
                ("$r", nameof(InstanceStatus.Running)), ("$now", Now), ("$id", instanceId), ("$f", nameof(InstanceStatus.Failed)));
            if (changed == 1)
            {
                AddJournal(tx, instanceId, null, "resumed", null);
            }

            return changed == 1;
        }, cancellationToken);

    // On this machine the holder's process decides: alive, it holds (also through a long wait step); gone, it was
    // killed mid-run and its claim means nothing. A holder elsewhere holds until its lease expires.
    private bool Holds(string holder, long until)
    {
        var parts = holder.Split(':');
        if (parts.Length < 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            return until > Now;
        }

        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
