using System.Text;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Moves a trail written by the earlier audit format — an embedded FHIR store holding AuditEvents as JSON with their
/// search indexes — into the audit table, in the transaction that creates it, then drops the old tables. Each
/// AuditEvent was made by <see cref="AuditEventFactory"/>, so its record is read back element for element and the
/// event reads the same afterwards. Nothing is lost: a failure rolls the whole move back and the old file stays.
/// </summary>
internal static class LegacyAuditImport
{
    private static readonly string[] LegacyTables =
        ["token_idx", "string_idx", "date_idx", "reference_idx", "number_idx", "date_stats", "history", "changes", "resources", "search_params", "store_info"];

    public static void MoveIntoTable(SqliteConnection connection, SqliteTransaction transaction, AuditTable table)
    {
        using (var exists = connection.CreateCommand())
        {
            exists.Transaction = transaction;
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'resources'";
            if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return;
        }

        // A records store named as the audit store by mistake must never lose its tables: only a store holding nothing
        // but AuditEvents is the earlier audit format.
        using (var others = connection.CreateCommand())
        {
            others.Transaction = transaction;
            others.CommandText = "SELECT count(*) FROM resources WHERE type <> 'AuditEvent'";
            if (Convert.ToInt64(others.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                throw new InvalidOperationException(
                    $"{connection.DataSource} holds patient records, not an audit trail: point Audit:Database at a file of its own (by default <db>.audit.db).");
        }

        var events = new List<StoredAuditEvent>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT json FROM resources WHERE type = 'AuditEvent' ORDER BY rid";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                events.Add(FromAuditEvent(FhirJson.Parse<AuditEvent>(reader.GetString(0))));
        }

        table.Insert(events.OrderBy(e => e.Record.Recorded), transaction);
        foreach (var name in LegacyTables)
        {
            using var drop = connection.CreateCommand();
            drop.Transaction = transaction;
            drop.CommandText = $"DROP TABLE IF EXISTS {name}";
            drop.ExecuteNonQuery();
        }
    }

    internal static StoredAuditEvent FromAuditEvent(AuditEvent audit)
    {
        var observer = "";
        AuditActor? actor = null;
        string? client = null;
        foreach (var agent in audit.Agent)
        {
            var code = agent.Type?.Coding.FirstOrDefault()?.Code;
            var who = agent.Who;
            switch (code)
            {
                case "humanuser" or "110150":
                    actor = new AuditActor(who?.Reference, who?.Identifier?.System, who?.Identifier?.Value, IsPerson: code == "humanuser");
                    break;
                case "110153":
                    client = who?.Identifier?.Value;
                    break;
                case "110152":
                    observer = who?.Identifier?.Value ?? "";
                    break;
            }
        }

        string? patient = null, query = null;
        (string, string)? workflow = null;
        var resources = new List<string>();
        foreach (var entity in audit.Entity)
        {
            switch (entity.Role?.Code)
            {
                case "1" when entity.What?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal):
                    patient = reference["Patient/".Length..];
                    break;
                case "4" when entity.What?.Reference is { } reference:
                    resources.Add(reference);
                    break;
                case "24" when entity.Query is { } bytes:
                    query = Encoding.UTF8.GetString(bytes);
                    break;
                case "20" when entity.What?.Identifier?.Value is { } instance:
                    workflow = (entity.Name ?? "", instance);
                    break;
            }
        }

        var record = new AuditRecord(Kind(audit.Type?.Code), audit.Subtype.FirstOrDefault()?.Code ?? "", Action(audit.Action), Outcome(audit.Outcome))
        {
            Actor = actor,
            ClientId = client,
            PatientId = patient,
            Resources = resources,
            Query = query,
            WorkflowInstance = workflow,
            OutcomeDetail = audit.OutcomeDesc,
            Recorded = audit.Recorded ?? DateTimeOffset.UnixEpoch,
        };
        return new StoredAuditEvent(audit.Id ?? Storage.SqliteFhirStore.NewId(), observer, record);
    }

    private static AuditKind Kind(string? code) => code switch
    {
        "rest" => AuditKind.Rest,
        AuditCodes.ToolCall => AuditKind.ToolCall,
        AuditCodes.Approval => AuditKind.Approval,
        _ => AuditKind.WorkflowStart,
    };

    private static AuditAction Action(AuditEvent.AuditEventAction? action) => action switch
    {
        AuditEvent.AuditEventAction.C => AuditAction.Create,
        AuditEvent.AuditEventAction.R => AuditAction.Read,
        AuditEvent.AuditEventAction.U => AuditAction.Update,
        AuditEvent.AuditEventAction.D => AuditAction.Delete,
        _ => AuditAction.Execute,
    };

    private static AuditOutcome Outcome(AuditEvent.AuditEventOutcome? outcome) => outcome switch
    {
        AuditEvent.AuditEventOutcome.N4 => AuditOutcome.MinorFailure,
        AuditEvent.AuditEventOutcome.N8 => AuditOutcome.SeriousFailure,
        AuditEvent.AuditEventOutcome.N12 => AuditOutcome.MajorFailure,
        _ => AuditOutcome.Success,
    };
}
