using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Audit;

/// <summary>FHIR search over the audit table, on a log written with known records.</summary>
public sealed class AuditSearchTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-auditsearch-").FullName;
    private readonly AuditLog _log;

    public AuditSearchTests()
    {
        _log = new AuditLog(new AuditOptions { Database = Path.Combine(_folder, "a.audit.db") });
        _log.WriteAsync(
        [
            Rest("read", "Observation/o1", "p1", Day.AddHours(1)),
            Rest("search-type", "Observation/o2", "p2", Day.AddHours(2)) with { Outcome = AuditOutcome.MinorFailure },
            new AuditRecord(AuditKind.ToolCall, "get_patient", AuditAction.Execute, AuditOutcome.Success)
            {
                Actor = new AuditActor("Practitioner/dr1", null, null, IsPerson: true), PatientId = "p1", Recorded = Day.AddDays(1),
            },
            Rest("create", "MedicationRequest/m1", null, Day.AddDays(2)) with { Action = AuditAction.Create },
        ]).GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("date=2026-03-10", "o1,o2")]
    [InlineData("date=ge2026-03-11", "get_patient,m1")]
    [InlineData("date=lt2026-03-10T02:00Z", "o1")]
    [InlineData("date=ge2026-03-10&date=le2026-03-11", "o1,o2,get_patient")]
    [InlineData("type=rest", "o1,o2,m1")]
    [InlineData("type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest", "o1,o2,m1")]
    [InlineData("type=https://clinicalagent.dev/audit|rest", "")]
    [InlineData("subtype=read,create", "o1,m1")]
    [InlineData("subtype=https://clinicalagent.dev/audit|get_patient", "get_patient")]
    [InlineData("action=C", "m1")]
    [InlineData("outcome=4", "o2")]
    [InlineData("patient=Patient/p1", "o1,get_patient")]
    [InlineData("patient=p2", "o2")]
    [InlineData("agent=Practitioner/dr1", "get_patient")]
    [InlineData("entity=Observation/o2", "o2")]
    [InlineData("entity=Observation/o", "")]
    [InlineData("entity=Patient/p1", "o1,get_patient")]
    [InlineData("_sort=-date&_count=2", "m1,get_patient")]
    public async Task SearchAsync_ByAParameter_FindsExactlyTheMatchingEvents(string query, string expected)
    {
        var bundle = await _log.SearchAsync(SearchQuery.Parse(query));

        Assert.Equal(expected, string.Join(',', bundle.Entry.Select(e => Label((AuditEvent)e.Resource))));
    }

    [Fact]
    public async Task SearchAsync_WithAnUnsupportedParameter_FailsNamingWhatIsSupported()
    {
        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _log.SearchAsync(SearchQuery.Parse("entity-name=x")));

        Assert.Contains("'entity-name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("subtype", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_WithAnUnsupportedParameterLeniently_IgnoresIt()
    {
        var bundle = await _log.SearchAsync(SearchQuery.Parse("entity-name=x&action=C", lenient: true));

        Assert.Equal("m1", Label((AuditEvent)Assert.Single(bundle.Entry).Resource));
    }

    [Fact]
    public async Task NextPageAsync_AfterNewEventsArrive_PagesOverTheFirstPagesSnapshot()
    {
        var first = await _log.SearchAsync(SearchQuery.Parse("_count=3&_total=accurate"));
        await _log.WriteAsync([Rest("read", "Observation/late", "p1", Day.AddDays(3))]);

        var second = await _log.NextPageAsync(first);

        Assert.Equal(4, first.Total);
        Assert.Equal("o1,o2,get_patient", string.Join(',', first.Entry.Select(e => Label((AuditEvent)e.Resource))));
        Assert.Equal("m1", Label((AuditEvent)Assert.Single(second!.Entry).Resource));
        Assert.Null(await _log.NextPageAsync(second));
    }

    [Fact]
    public async Task SearchAsync_OfACountSummary_GivesTheTotalAndNoEntries()
    {
        var bundle = await _log.SearchAsync(SearchQuery.Parse("_summary=count&type=rest"));

        Assert.Equal(3, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async Task SearchAsync_OfAWrittenRecord_BuildsTheAuditEventFromItsColumns()
    {
        var bundle = await _log.SearchAsync(SearchQuery.Parse("subtype=get_patient"));

        var audit = (AuditEvent)Assert.Single(bundle.Entry).Resource;
        Assert.Equal(Day.AddDays(1), audit.Recorded);
        Assert.Equal(AuditEvent.AuditEventAction.E, audit.Action);
        Assert.Equal("Practitioner/dr1", AuditJson.Agent(audit, "humanuser").Who.Reference);
        Assert.Equal("Patient/p1", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        Assert.StartsWith("clinicalagent@", AuditJson.Agent(audit, "110152").Who.Identifier.Value, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static AuditRecord Rest(string subtype, string resource, string? patient, DateTimeOffset at) =>
        new(AuditKind.Rest, subtype, AuditAction.Read, AuditOutcome.Success) { Resources = [resource], PatientId = patient, Recorded = at };

    private static string Label(AuditEvent audit) =>
        AuditJson.EntityWithRole(audit, "4")?.What.Reference.Split('/')[1] ?? audit.Subtype[0].Code!;
}
