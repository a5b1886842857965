using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Audit;

/// <summary>A trail written in the earlier format (AuditEvents in an embedded FHIR store) is moved into the audit
/// table on first open and reads the same.</summary>
public sealed class LegacyAuditImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-legacyaudit-").FullName;

    private string AuditPath => Path.Combine(_folder, "old.audit.db");

    [Fact]
    public async Task Open_OfAnOldFormatTrail_MovesEveryEventAndDropsTheOldTables()
    {
        var stored = new[]
        {
            new StoredAuditEvent("e1", "clinicalagent@old", new AuditRecord(AuditKind.Rest, "search-type", AuditAction.Read, AuditOutcome.Success)
            {
                Actor = new AuditActor(null, AuditCodes.SubjectIdentifierSystem, "dr.who", IsPerson: true), ClientId = "app", PatientId = "p1",
                Resources = ["Observation/1", "Observation/2"], Query = "patient=Patient/p1&code", Recorded = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero),
            }),
            new StoredAuditEvent("e2", "clinicalagent@old", new AuditRecord(AuditKind.WorkflowStart, "start", AuditAction.Execute, AuditOutcome.SeriousFailure)
            {
                Actor = AuditActor.Workflow("i9"), WorkflowInstance = ("hypokalemia", "i9"), OutcomeDetail = "500", Recorded = new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.Zero),
            }),
        };
        var written = stored.Select(AuditEventFactory.Create).ToList();
        using (var old = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = AuditPath, CheckReferences = false }))
            await old.LoadAsync(written.Select(e => (Resource)FhirJson.Parse<AuditEvent>(FhirJson.Serialize(e))).ToList());
        SqliteConnection.ClearAllPools();

        using var log = new AuditLog(new AuditOptions { Database = AuditPath });
        var bundle = await log.SearchAsync(SearchQuery.Parse("_sort=date"));

        var read = bundle.Entry.Select(e => (AuditEvent)e.Resource).ToList();
        Assert.Equal(written.Select(e => FhirJson.Serialize(e)), read.Select(e => { e.Meta = null; return FhirJson.Serialize(e); }));
        Assert.Equal(["audit_event", "sqlite_sequence"], Tables());
    }

    [Fact]
    public async Task Open_OfARecordsStoreNamedAsTheAuditStore_RefusesAndKeepsEveryRecord()
    {
        using (var records = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = AuditPath }))
            await records.LoadAsync([new Patient { Id = "p1" }]);
        SqliteConnection.ClearAllPools();

        using var log = new AuditLog(new AuditOptions { Database = AuditPath });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.SearchAsync(SearchQuery.Empty));

        Assert.Contains("Audit:Database", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        using var reopened = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = AuditPath });
        Assert.Equal("p1", (await reopened.ReadAsync("Patient", "p1")).Id);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private List<string> Tables()
    {
        using var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
