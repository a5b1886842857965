using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Tests.Writes;

/// <summary>Every agent write carries the AIAST label and a Provenance written in the same transaction, exactly once.</summary>
public sealed class ProvenanceTests
{
    private static readonly DateTimeOffset WallClock = new(2026, 3, 4, 10, 30, 0, TimeSpan.Zero);

    private static Task<WriteStore> CreateAsync(ApprovalMode mode) => WriteStore.CreateAsync(mode, services => services
        .AddSingleton<TimeProvider>(new FakeTimeProvider(WallClock))
        .AddSingleton<IAiSystemSource, FixedAiSystem>());

    [Fact]
    public async Task OrderMedication_Allow_ProvenanceNamesModelAutomationPatientAndActivity()
    {
        await using var store = await CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.OrderMedicationAsync(store.PatientId, "potassium chloride 20 mEq oral", idempotency_key: "k-1"));

        var order = Assert.Single(await store.SearchAsync<MedicationRequest>($"identifier={Idempotency.System}|k-1"));
        Assert.Equal($"MedicationRequest/{order.Id}", result.GetProperty("id").GetString());
        var label = Assert.Single(order.Meta.Security);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST"), (label.System, label.Code));
        Assert.Equal(WriteApprover.Automation.Display, order.Requester.Display);
        Assert.Null(order.Requester.Reference);
        var provenance = Assert.Single(await store.SearchAsync<Provenance>("_count=100"));
        Assert.Equal($"MedicationRequest/{order.Id}", Assert.Single(provenance.Target).Reference);
        Assert.Equal(WallClock, provenance.Recorded);
        Assert.Equal(["author", "assembler", "author"], provenance.Agent.Select(a => a.Type.Coding.Single().Code));
        Assert.All(provenance.Agent, a => Assert.Equal(AiTransparency.ParticipantTypeSystem, a.Type.Coding.Single().System));
        Assert.Equal("medgemma-test (sha256:0123abcd)", provenance.Agent[0].Who.Display);
        Assert.Equal("sha256:0123abcd", provenance.Agent[0].Who.Identifier.Value);
        Assert.Equal("Device", provenance.Agent[1].Who.Type);
        Assert.Equal(WriteApprover.Automation.Display, provenance.Agent[2].Who.Display);
        var entity = Assert.Single(provenance.Entity);
        Assert.Equal(($"Patient/{store.PatientId}", Provenance.ProvenanceEntityRole.Source), (entity.What.Reference, entity.Role));
        Assert.Equal(("CREATE", "agent tool order_medication"), (provenance.Activity.Coding.Single().Code, provenance.Activity.Text));
        Assert.Equal("TREAT", provenance.Reason.Single().Coding.Single().Code);
    }

    [Fact]
    public async Task ApproveAsync_PractitionerInRecord_VerifierAndRequesterReferenceThem()
    {
        await using var store = await CreateAsync(ApprovalMode.Ask);
        await store.Store.UpdateAsync(new Practitioner { Id = "pr1", Name = [new HumanName { Family = "House" }] });
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();
        await store.Plugin.OrderServiceAsync(store.PatientId, "lab", "2823-3", idempotency_key: "svc-1");

        var written = await queue.ApproveAsync(Assert.Single(queue.Pending).Id, WriteApprover.Person("Practitioner/pr1"));

        var request = (ServiceRequest)written.Resource;
        Assert.Equal("Practitioner/pr1", request.Requester.Reference);
        Assert.Contains(request.Meta.Security, c => c.Code == AiTransparency.AiAssertedCode);
        var provenance = Assert.Single(await store.SearchAsync<Provenance>($"target=ServiceRequest/{request.Id}"));
        var verifier = Assert.Single(provenance.Agent, a => a.Type.Coding.Single().Code == "verifier");
        Assert.Equal("Practitioner/pr1", verifier.Who.Reference);
        Assert.Equal(2, provenance.Agent.Count(a => a.Who.Display == FixedAiSystem.Model.Display));
    }

    [Fact]
    public async Task ApproveAsync_FhirUserNotInRecord_NamedByDisplayAndWritten()
    {
        await using var store = await CreateAsync(ApprovalMode.Ask);
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();
        await store.Plugin.CreateNoteAsync(store.PatientId, "Call", "Spoke with the patient.");

        var written = await queue.ApproveAsync(Assert.Single(queue.Pending).Id, WriteApprover.Person("Practitioner/elsewhere"));

        var note = (DocumentReference)written.Resource;
        var author = Assert.Single(note.Author);
        Assert.Equal((null, "Practitioner/elsewhere"), (author.Reference, author.Display));
        var provenance = Assert.Single(await store.SearchAsync<Provenance>($"target=DocumentReference/{note.Id}"));
        Assert.Equal("Practitioner/elsewhere", Assert.Single(provenance.Agent, a => a.Type.Coding.Single().Code == "verifier").Who.Display);
    }

    [Fact]
    public async Task ApproveAsync_SameProposalTwice_OneResourceAndOneProvenance()
    {
        await using var store = await CreateAsync(ApprovalMode.Ask);
        var queue = store.Services.GetRequiredService<QueuedApprovalPolicy>();
        await store.Plugin.RecordVitalSignAsync(store.PatientId, "heart_rate", "72 /min", "hr-1");
        await store.Plugin.RecordVitalSignAsync(store.PatientId, "heart_rate", "72 /min", "hr-1");
        var ids = queue.Pending.Select(p => p.Id).ToList();

        var first = await queue.ApproveAsync(ids[0], WriteApprover.Person("dr.one"));
        var second = await queue.ApproveAsync(ids[1], WriteApprover.Person("dr.two"));

        Assert.Equal((FhirWriteOutcome.Created, FhirWriteOutcome.Existing), (first.Outcome, second.Outcome));
        Assert.Equal(first.Resource.Id, second.Resource.Id);
        Assert.Single(await store.SearchAsync<Observation>($"identifier={Idempotency.System}|hr-1"));
        var provenance = Assert.Single(await store.SearchAsync<Provenance>("_count=100"));
        Assert.Equal("dr.one", Assert.Single(provenance.Agent, a => a.Type.Coding.Single().Code == "verifier").Who.Display);
    }

    [Fact]
    public async Task WriteAsync_ResourceWrittenBeforeProvenanceExisted_AddsOnlyTheProvenance()
    {
        await using var store = await CreateAsync(ApprovalMode.Allow);
        var old = new Flag
        {
            Status = Flag.FlagStatus.Active,
            Code = new CodeableConcept { Text = "falls risk" },
            Subject = new ResourceReference($"Patient/{store.PatientId}"),
            Identifier = [new Identifier(Idempotency.System, "old-1")],
        };
        var earlier = await store.Store.ConditionalCreateAsync(old, Idempotency.Condition("old-1"));
        var attribution = new WriteAttribution(null, WriteApprover.Workflow("falls"), [], "workflow falls, step flag", WallClock);

        var again = await AttributedWrite.WriteAsync(store.Store, old, "old-1", attribution, store.PatientId, CancellationToken.None);
        var twice = await AttributedWrite.WriteAsync(store.Store, old, "old-1", attribution, store.PatientId, CancellationToken.None);

        Assert.Equal((FhirWriteOutcome.Existing, FhirWriteOutcome.Existing), (again.Outcome, twice.Outcome));
        Assert.Equal(earlier.Resource.Id, again.Resource.Id);
        Assert.Single(await store.SearchAsync<Flag>($"identifier={Idempotency.System}|old-1"));
        var provenance = Assert.Single(await store.SearchAsync<Provenance>("_count=100"));
        Assert.Equal($"Flag/{earlier.Resource.Id}", provenance.Target.Single().Reference);
        Assert.Equal(["author"], provenance.Agent.Select(a => a.Type.Coding.Single().Code));
    }

    [Fact]
    public async Task OrderMedication_CalledWithTheRunsReturnedIds_NamesThoseTheRecordHoldsAsSources()
    {
        await using var store = await CreateAsync(ApprovalMode.Allow);
        var observation = store.Patients.OfType<Observation>().First(o => o.Subject.Reference == $"Patient/{store.PatientId}");
        var order = ClinicalToolsPlugin.CreateModelFunctions(store.Services, new Kernel(store.Services)).Single(f => f.Name == "order_medication");
        var arguments = new AIFunctionArguments(new Dictionary<string, object?> { ["patient_id"] = store.PatientId, ["medication"] = "metformin 500 mg" })
        {
            Context = new Dictionary<object, object?>
            {
                [ToolCallContext.ReturnedIdsKey] = new[] { $"Observation/{observation.Id}", "Observation/not-in-the-record", $"Patient/{store.PatientId}" },
            },
        };

        var result = await order.InvokeAsync(arguments);

        Assert.Contains("\"written\"", result?.ToString(), StringComparison.Ordinal);
        var provenance = Assert.Single(await store.SearchAsync<Provenance>("_count=100"));
        Assert.Equal([$"Observation/{observation.Id}", $"Patient/{store.PatientId}"], provenance.Entity.Select(e => e.What.Reference));
    }
}
