using System.Text;
using System.Text.Json;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Writes;

public sealed class WritePluginTests
{
    private const string Key = $"identifier={Idempotency.System}|";

    [Fact]
    public async Task RecordVitalSign_Deny_WritesNothingAndReturnsProposal()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Deny);
        var before = await store.SearchAsync<Observation>($"patient={store.PatientId}&code=85354-9&_count=500");

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "blood_pressure", "118/77 mmHg"));

        Assert.Equal("denied", result.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("reason").GetString()));
        Assert.Equal("Observation", result.GetProperty("proposed").GetProperty("resource_type").GetString());
        Assert.Contains("118/77", result.GetProperty("proposed").GetProperty("summary").GetString());
        var key = result.GetProperty("proposed").GetProperty("idempotency_key").GetString();
        Assert.Empty(await store.SearchAsync<Observation>($"identifier={Idempotency.System}|{key}"));
        Assert.Equal(before.Count, (await store.SearchAsync<Observation>($"patient={store.PatientId}&code=85354-9&_count=500")).Count);
    }

    [Fact]
    public async Task RecordVitalSign_AllowBloodPressure_WritesObservationWithComponents()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "blood_pressure", "118/77 mmHg", "bp-1"));

        Assert.Equal("written", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("existing").GetBoolean());
        var found = Assert.Single(await store.SearchAsync<Observation>($"patient={store.PatientId}&code=85354-9&{Key}bp-1"));
        Assert.Equal($"Observation/{found.Id}", result.GetProperty("id").GetString());
        Assert.Equal("vital-signs", found.Category.Single().Coding.Single().Code);
        Assert.Equal(ToolsFixture.Now, ToolsFixture.Moment(found.Effective));
        Assert.Equal(118m, ((Quantity)found.Component.Single(c => c.Code.Coding[0].Code == "8480-6").Value).Value);
        Assert.Equal(77m, ((Quantity)found.Component.Single(c => c.Code.Coding[0].Code == "8462-4").Value).Value);
        Assert.Equal("mm[Hg]", ((Quantity)found.Component[0].Value).Code);
    }

    [Fact]
    public async Task RecordVitalSign_SameCallTwice_WritesOnce()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var first = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "heart_rate", "72 bpm"));
        var second = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, " Heart_Rate ", "72 bpm "));

        Assert.False(first.GetProperty("existing").GetBoolean());
        Assert.True(second.GetProperty("existing").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        var written = await store.SearchAsync<Observation>($"patient={store.PatientId}&code=8867-4&date=ge2023-11-13T10:15:00Z");
        var single = Assert.Single(written);
        Assert.Equal("/min", ((Quantity)single.Value).Code);
    }

    [Fact]
    public async Task RecordVitalSign_UnknownPatient_ErrorAndNothingWritten()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync("NOPE123", "weight", "80 kg", "w-1"));

        Assert.Contains("does not exist", result.GetProperty("error").GetString());
        Assert.Empty(await store.SearchAsync<Observation>($"{Key}w-1"));
    }

    [Fact]
    public async Task RecordVitalSign_BadValue_Error()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "temperature", "hot"));

        Assert.True(result.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task OrderService_StatReferral_PriorityStatAndNote()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.OrderServiceAsync(store.PatientId, "referral", "306181000000106", "snomed",
            "Worsening heart failure, please see this week", "stat", "2023-11-15"));

        Assert.Equal("written", result.GetProperty("status").GetString());
        var id = result.GetProperty("id").GetString()!.Split('/')[1];
        var request = (ServiceRequest)await store.Store.ReadAsync("ServiceRequest", id);
        Assert.Equal(RequestPriority.Stat, request.Priority);
        Assert.Equal(RequestIntent.Order, request.Intent);
        Assert.Equal("http://snomed.info/sct", request.Code.Coding.Single().System);
        Assert.Equal("Worsening heart failure, please see this week", request.Note.Single().Text);
        Assert.Equal("2023-11-15", ((FhirDateTime)request.Occurrence).Value);
        Assert.Equal(ToolsFixture.Now, new FhirDateTime(request.AuthoredOn).ToDateTimeOffset(TimeSpan.Zero));
    }

    [Fact]
    public async Task OrderMedication_Allow_ActiveOrderWithRxNorm()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.OrderMedicationAsync(store.PatientId, "lisinopril 10 mg oral tablet", "314076", "rxnorm",
            "10 mg", "oral", "once daily"));

        var found = Assert.Single(await store.SearchAsync<MedicationRequest>($"patient={store.PatientId}&code=314076"));
        Assert.Equal($"MedicationRequest/{found.Id}", result.GetProperty("id").GetString());
        Assert.Equal(MedicationRequest.MedicationrequestStatus.Active, found.Status);
        Assert.Equal(MedicationRequest.MedicationRequestIntent.Order, found.Intent);
        Assert.Equal("10 mg oral once daily", found.DosageInstruction.Single().Text);
    }

    [Fact]
    public async Task CreateNote_Allow_DocumentWithBase64Text()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.CreateNoteAsync(store.PatientId, "Phone follow-up", "Feels better. BP log reviewed."));

        var id = result.GetProperty("id").GetString()!.Split('/')[1];
        var document = (DocumentReference)await store.Store.ReadAsync("DocumentReference", id);
        Assert.Equal("Feels better. BP log reviewed.", Encoding.UTF8.GetString(document.Content.Single().Attachment.Data));
        Assert.Equal("Phone follow-up", document.Description);
        Assert.Contains(document.Identifier, i => i.System == Idempotency.System);
    }

    [Fact]
    public async Task ModelFacingJson_Denied_SnakeCaseProposal()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Deny);

        var json = await store.Plugin.CreateNoteAsync(store.PatientId, "t", "x");

        Assert.StartsWith("{\"status\":\"denied\"", json);
        Assert.Equal(JsonValueKind.Object, ToolsFixture.Parse(json).GetProperty("proposed").ValueKind);
    }
}
