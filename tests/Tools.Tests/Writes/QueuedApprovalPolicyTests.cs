using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Writes;

public sealed class QueuedApprovalPolicyTests
{
    [Fact]
    public async Task RecordVitalSign_Ask_PendingThenApproveWrites()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Ask);
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "spo2", "97 %", "spo2-1"));
        var pendingId = result.GetProperty("pending_id").GetString()!;
        var before = await store.SearchAsync<Observation>($"identifier={Idempotency.System}|spo2-1");
        var written = await queue.ApproveAsync(pendingId, WriteApprover.Person("dr.test"));

        Assert.Equal("pending_approval", result.GetProperty("status").GetString());
        Assert.Empty(before);
        Assert.Equal(FhirWriteOutcome.Created, written.Outcome);
        Assert.Empty(queue.Pending);
        var found = Assert.Single(await store.SearchAsync<Observation>($"patient={store.PatientId}&code=59408-5&identifier={Idempotency.System}|spo2-1"));
        Assert.Equal(written.Resource.Id, found.Id);
    }

    [Fact]
    public async Task RecordVitalSign_AskThenReject_NothingWritten()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Ask);
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();
        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "weight", "81.5 kg", "w-2"));
        var pending = Assert.Single(queue.Pending);

        var rejected = queue.Reject(pending.Id, "wrong patient");

        Assert.Equal(pending.Id, result.GetProperty("pending_id").GetString());
        Assert.Equal("record_vital_sign", pending.Write.Tool);
        Assert.True(rejected);
        Assert.Empty(queue.Pending);
        Assert.Empty(await store.SearchAsync<Observation>($"identifier={Idempotency.System}|w-2"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => queue.ApproveAsync(pending.Id, WriteApprover.Person("dr.test")));
    }

    [Fact]
    public async Task ApproveAsync_Twice_WritesOnce()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Ask);
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();
        await store.Plugin.CreateNoteAsync(store.PatientId, "Call", "Same note.");
        await store.Plugin.CreateNoteAsync(store.PatientId, "Call", "Same note.");
        var ids = queue.Pending.Select(p => p.Id).ToList();

        var first = await queue.ApproveAsync(ids[0], WriteApprover.Person("dr.test"));
        var second = await queue.ApproveAsync(ids[1], WriteApprover.Person("dr.test"));

        Assert.Equal(FhirWriteOutcome.Created, first.Outcome);
        Assert.Equal(FhirWriteOutcome.Existing, second.Outcome);
        Assert.Equal(first.Resource.Id, second.Resource.Id);
    }
}
