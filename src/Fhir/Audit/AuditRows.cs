using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>Reads rows of the audit table back into records, in the column order of <see cref="AuditTable.Columns"/>.</summary>
internal static class AuditRows
{
    // References hold no line breaks, so one per line keeps the list in one column that a LIKE can search.
    public static string JoinResources(IReadOnlyList<string> resources) =>
        resources.Count == 0 ? "" : "\n" + string.Join('\n', resources) + "\n";

    public static StoredAuditEvent Read(SqliteDataReader row)
    {
        string? Text(int i) => row.IsDBNull(i) ? null : row.GetString(i);
        var recorded = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)).ToOffset(TimeSpan.FromMinutes(row.GetInt32(2)));
        AuditActor? actor = row.IsDBNull(9) ? null : new AuditActor(Text(10), Text(11), Text(12), IsPerson: row.GetInt32(9) == 1);
        var resources = row.GetString(15).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var record = new AuditRecord((AuditKind)row.GetInt32(4), row.GetString(5), (AuditAction)row.GetInt32(6), (AuditOutcome)row.GetInt32(7))
        {
            OutcomeDetail = Text(8),
            Actor = actor,
            ClientId = Text(13),
            PatientId = Text(14),
            Resources = resources,
            Query = Text(16),
            WorkflowInstance = Text(18) is { } instance ? (Text(17) ?? "", instance) : null,
            Recorded = recorded,
        };
        return new StoredAuditEvent(row.GetString(0), row.GetString(3), record);
    }
}
