using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Ask mode: every proposal waits in memory under an id until a person approves it (then it is written with its
/// Provenance, on the same idempotency key the tool would have used) or rejects it. The queue does not survive a restart.
/// </summary>
public sealed class QueuedApprovalPolicy(IFhirGateway gateway, TimeProvider? timeProvider = null) : IApprovalPolicy
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly List<PendingWrite> _pending = [];
    private int _next;

    /// <summary>The writes waiting for a decision, oldest first.</summary>
    public IReadOnlyList<PendingWrite> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    /// <inheritdoc/>
    public Task<ApprovalDecision> DecideAsync(ProposedWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            var id = $"w{++_next}";
            _pending.Add(new PendingWrite(id, write, _time.GetUtcNow()));
            return Task.FromResult(new ApprovalDecision(false, "Waiting for a person to approve the write.", PendingId: id));
        }
    }

    /// <summary>
    /// Writes the pending proposal <paramref name="pendingId"/> with its Provenance, <paramref name="approver"/> as the
    /// verifier and the requester (or author), and removes it from the queue.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No pending write has that id.</exception>
    public async Task<FhirWriteResult> ApproveAsync(string pendingId, WriteApprover approver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var pending = Take(pendingId) ?? throw new KeyNotFoundException($"No pending write '{pendingId}'.");
        var resource = FhirJson.Parse(pending.Write.ResourceJson, $"pending write {pendingId}");
        try
        {
            var write = pending.Write;
            return await AttributedWrite.WriteAsync(gateway, resource, write.IdempotencyKey, write.Attribute(approver, _time.GetUtcNow()),
                write.PatientId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed write stays pending so the person can retry or reject it.
            lock (_gate)
            {
                _pending.Insert(0, pending);
            }

            throw;
        }
    }

    /// <summary>
    /// Drops the pending proposal <paramref name="pendingId"/> unwritten; false when there is none. The queue keeps no
    /// history: <paramref name="reason"/> is for the host to audit, not stored here.
    /// </summary>
    public bool Reject(string pendingId, string reason) => Take(pendingId) is not null;

    private PendingWrite? Take(string pendingId)
    {
        lock (_gate)
        {
            var index = _pending.FindIndex(p => p.Id == pendingId);
            if (index < 0)
            {
                return null;
            }

            var pending = _pending[index];
            _pending.RemoveAt(index);
            return pending;
        }
    }
}
