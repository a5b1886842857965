using System.Text.Json;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Audit;

public sealed class ToolCallAuditTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-tool-audit-").FullName;

    [Fact]
    public async Task CallAsync_ReadTool_RecordsTheToolThePatientTheCitedResourcesAndTheOsUser()
    {
        using var services = Services();
        var tools = services.GetRequiredService<ClinicalToolbox>();
        var patient = fixture.Of<Patient>().First();

        var text = await tools.CallAsync("get_observations", new Dictionary<string, object?> { ["patient_id"] = patient.Id, ["code"] = "2823-3", ["latest_only"] = true });
        var audit = Assert.Single(await EventsAsync(services));

        using var json = JsonDocument.Parse(text);
        var cited = Assert.Single(ToolTable.Rows(json.RootElement)).GetProperty("id").GetString();
        Assert.Equal((AuditCodes.System, AuditCodes.ToolCall), (audit.Type.System, audit.Type.Code));
        Assert.Equal((AuditCodes.System, "get_observations"), (audit.Subtype[0].System, audit.Subtype[0].Code));
        Assert.Equal(AuditEvent.AuditEventAction.R, audit.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, audit.Outcome);
        var caller = audit.Agent.Single(a => a.Requestor == true);
        Assert.Equal((AuditCodes.OsUserIdentifierSystem, Environment.UserName), (caller.Who.Identifier.System, caller.Who.Identifier.Value));
        Assert.Equal($"Patient/{patient.Id}", audit.Entity.Single(e => e.Role.Code == "1").What.Reference);
        Assert.Contains(audit.Entity, e => e.Role.Code == "4" && e.What.Reference == cited);
        Assert.DoesNotContain("2823-3", FhirJson.Serialize(audit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_InsideAWorkflowScope_RecordsTheWorkflowAsTheCaller()
    {
        using var services = Services();
        var tools = services.GetRequiredService<ClinicalToolbox>();
        var patient = fixture.Of<Patient>().First();

        using (AuditActorScope.Begin(AuditActor.Workflow("instance-9")))
        {
            await tools.CallAsync("get_conditions", new Dictionary<string, object?> { ["patient_id"] = patient.Id });
        }

        var audit = Assert.Single(await EventsAsync(services));
        var caller = audit.Agent.Single(a => a.Requestor == true);
        Assert.Equal("instance-9", caller.Who.Identifier.Value);
        Assert.Equal("110150", caller.Type.Coding[0].Code);
    }

    [Fact]
    public async Task CallAsync_WithABadPatient_RecordsAMinorFailureAndNoResources()
    {
        using var services = Services();
        var tools = services.GetRequiredService<ClinicalToolbox>();

        var text = await tools.CallAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = "nobody-here" });
        var audit = Assert.Single(await EventsAsync(services));

        Assert.StartsWith("{\"error\"", text, StringComparison.Ordinal);
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, audit.Outcome);
        Assert.DoesNotContain(audit.Entity, e => e.Role.Code == "4");
        Assert.Equal("Patient/nobody-here", audit.Entity.Single(e => e.Role.Code == "1").What.Reference);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<IReadOnlyList<AuditEvent>> EventsAsync(IServiceProvider services)
    {
        await services.GetRequiredService<IAuditSink>().FlushAsync();
        var bundle = await services.GetRequiredService<AuditLog>().SearchAsync(SearchQuery.Empty);
        return bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().ToList();
    }

    private ServiceProvider Services() =>
        new ServiceCollection()
            .AddSingleton<ClinicalAgent.Fhir.IFhirGateway>(fixture.Store)
            .AddClinicalTools(o => o.Now = ToolsFixture.Now)
            .AddAudit(o => o.Database = Path.Combine(_folder, "tools.audit.db"))
            .BuildServiceProvider();
}
