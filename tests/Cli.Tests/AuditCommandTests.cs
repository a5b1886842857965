using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private const string Now = "2023-11-13T10:15:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-audit-").FullName;

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    public async Task Search_AfterAToolCall_PrintsItsAuditEventFromTheStoreBesideTheRecords()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--db", Db);
        var patients = await CliRun.RunAsync("fhir", "search", "Patient", "--db", Db);
        var patientId = FhirJson.Parse<Bundle>(patients.Output).Entry[0].Resource.Id;
        await CliRun.RunAsync("tools", "call", "get_patient", "--args", $"{{\"patient_id\":\"{patientId}\"}}", "--db", Db);

        var run = await CliRun.RunAsync("audit", "search", "subtype=get_patient", $"patient=Patient/{patientId}", "--db", Db);

        Assert.Equal(0, run.ExitCode);
        var audit = Assert.IsType<AuditEvent>(Assert.Single(FhirJson.Parse<Bundle>(run.Output).Entry).Resource);
        Assert.Equal($"Patient/{patientId}", audit.Entity.Single(e => e.Role.Code == "1").What.Reference);
        Assert.Equal(Environment.UserName, audit.Agent.Single(a => a.Requestor == true).Who.Identifier.Value);
        Assert.True(File.Exists(Path.Combine(_folder, "store.audit.db")));
    }

    [Fact]
    public async Task Search_WhereNothingWasRecorded_FailsNamingTheFile()
    {
        var run = await CliRun.RunAsync("audit", "search", "--db", Db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"No audit store at {Path.Combine(_folder, "store.audit.db")}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "store.audit.db")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
