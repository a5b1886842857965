using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Audit;

public sealed class AuditEventIndexTests
{
    public static TheoryData<string> Kinds => ["rest-read", "rest-search", "tool-call", "approval", "workflow-start", "every-element"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Index_OfAnAuditEvent_GivesTheRowsTheSpecificationsFhirPathGives(string kind)
    {
        var audit = Event(kind);
        var folder = Directory.CreateTempSubdirectory("clinicalagent-index-").FullName;
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "ids.db")};Pooling=false");
        connection.Open();
        var indexer = new SearchIndexer(SearchParameterRegistry.Default, StoreSchema.Initialize(connection, SearchParameterRegistry.Default));

        var precompiled = indexer.Index(audit, precompiled: true);
        var fhirPath = indexer.Index(audit, precompiled: false);
        connection.Close();
        Directory.Delete(folder, recursive: true);

        Assert.NotEmpty(fhirPath.Tokens);
        Assert.Equal(Sorted(fhirPath.Tokens), Sorted(precompiled.Tokens));
        Assert.Equal(Sorted(fhirPath.Strings), Sorted(precompiled.Strings));
        Assert.Equal(Sorted(fhirPath.Dates), Sorted(precompiled.Dates));
        Assert.Equal(Sorted(fhirPath.References), Sorted(precompiled.References));
        Assert.Equal(Sorted(fhirPath.Numbers), Sorted(precompiled.Numbers));
    }

    private static List<string> Sorted<T>(IEnumerable<T> rows) => rows.Select(r => r!.ToString()!).Order(StringComparer.Ordinal).ToList();

    private static AuditEvent Event(string kind)
    {
        var user = new AuditActor("Practitioner/7", AuditCodes.SubjectIdentifierSystem, "user-1", IsPerson: true);
        var recorded = new DateTimeOffset(2026, 3, 4, 10, 15, 0, TimeSpan.Zero);
        var record = kind switch
        {
            "rest-read" => new AuditRecord(AuditKind.Rest, "read", AuditAction.Read, AuditOutcome.Success)
            { Actor = user, ClientId = "app", PatientId = "p1", Resources = ["Observation/o1"] },
            "rest-search" => new AuditRecord(AuditKind.Rest, "search-type", AuditAction.Read, AuditOutcome.MinorFailure)
            { ClientId = "app", PatientId = "p1", Query = "patient=p1&code", OutcomeDetail = "403" },
            "tool-call" => new AuditRecord(AuditKind.ToolCall, "get_observations", AuditAction.Read, AuditOutcome.Success)
            { Actor = AuditActor.Workflow("i1"), PatientId = "p1", Resources = ["Observation/o1", "Observation/o2/_history/3"] },
            "approval" => new AuditRecord(AuditKind.Approval, "approve", AuditAction.Execute, AuditOutcome.Success)
            { Actor = AuditActor.Person("Patient/p1"), PatientId = "p1", WorkflowInstance = ("hypokalemia", "i1") },
            _ => new AuditRecord(AuditKind.WorkflowStart, "start", AuditAction.Execute, AuditOutcome.SeriousFailure)
            { Actor = AuditActor.LocalUser(), Resources = ["Observation/o1"], WorkflowInstance = ("w", "i2") },
        };
        var audit = AuditEventFactory.Create(new StoredAuditEvent("a-" + kind, "clinicalagent@test", record with { Recorded = recorded }));
        if (kind == "every-element")
        {
            audit.Meta = new Meta { Tag = [new Coding("urn:t", "a")], Security = [new Coding("urn:s", "b")], Profile = ["http://example.org/p"], Source = "urn:src" };
            var agent = audit.Agent[0];
            agent.Network = new AuditEvent.NetworkComponent { Address = "127.0.0.1" };
            agent.Name = "an agent";
            agent.Role = [new CodeableConcept("urn:role", "r")];
            agent.AltId = "alt";
            agent.Policy = ["urn:policy"];
            audit.Source.Site = "site-1";
            audit.Entity[0].Name = "entity name";
        }

        return audit;
    }
}
