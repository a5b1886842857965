using System.Globalization;
using System.Text;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// FHIR search over the audit table: the AuditEvent parameters an auditor asks by (<c>_id</c>, <c>date</c>,
/// <c>type</c>, <c>subtype</c>, <c>action</c>, <c>outcome</c>, <c>patient</c>, <c>agent</c>, <c>entity</c>) with
/// FHIR's rules (comma = or, repeated = and, date prefixes), <c>_sort</c> by date, <c>_count</c>, <c>_total</c> and
/// <c>_summary=count</c>. Pages are stable: the first page fixes the newest row a search sees (<c>_snapshot</c>).
/// Anything else is a clear 400, or ignored under lenient handling.
/// </summary>
internal static class AuditSearch
{
    internal const int DefaultPageSize = 50;
    internal const int MaxPageSize = 1000;

    private static readonly string[] Supported = ["_id", "date", "type", "subtype", "action", "outcome", "patient", "agent", "entity", "_sort", "_count", "_total", "_summary", "_offset", "_snapshot"];

    public static Bundle Run(SqliteConnection connection, SearchQuery query)
    {
        var filter = new AuditFilter();
        var understood = new List<KeyValuePair<string, string>>();
        var (count, offset, snapshot, total, countOnly, descending) = (DefaultPageSize, 0, (long?)null, false, false, (bool?)null);
        foreach (var (key, value) in query.Parameters)
        {
            switch (key)
            {
                case "_count": count = (int)Math.Min(Whole(key, value), MaxPageSize); continue;
                case "_offset": offset = (int)Math.Min(Whole(key, value), int.MaxValue); continue;
                case "_snapshot": snapshot = Whole(key, value); continue;
                case "_total": total = value is "accurate" or "estimate"; break;
                case "_summary" when value == "count": countOnly = true; break;
                case "_sort": descending = Sort(value); break;
                default:
                    if (!filter.TryAdd(key, value))
                    {
                        if (query.Lenient)
                            continue;
                        throw FhirGatewayException.BadRequest(
                            $"The audit store does not search by '{key}'; it supports {string.Join(", ", Supported.Where(s => s is not "_offset" and not "_snapshot"))}.");
                    }

                    break;
            }

            understood.Add(new(key, value));
        }

        snapshot ??= MaxSeq(connection);
        var where = filter.Sql() + " AND seq <= $snapshot";
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        long? matches = total || countOnly ? Count(connection, filter, where, snapshot.Value) : null;
        if (matches is { } n)
            bundle.Total = (int)Math.Min(n, int.MaxValue);
        var self = new SearchQuery(understood).With("_count", Num(count));
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = "AuditEvent?" + self.ToQueryString() });
        if (countOnly)
            return bundle;

        var order = descending switch { true => "recorded DESC, seq DESC", false => "recorded, seq", null => "seq" };
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditTable.Columns} FROM audit_event WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset";
        filter.Bind(command);
        command.Parameters.AddWithValue("$snapshot", snapshot.Value);
        command.Parameters.AddWithValue("$limit", count + 1);
        command.Parameters.AddWithValue("$offset", offset);
        var rows = new List<StoredAuditEvent>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add(AuditRows.Read(reader));
        }

        foreach (var stored in rows.Take(count))
        {
            var audit = AuditEventFactory.Create(stored);
            audit.Meta = new Meta { VersionId = "1", LastUpdated = stored.Record.Recorded };
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "AuditEvent/" + audit.Id,
                Resource = audit,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        if (rows.Count > count)
        {
            var next = self.With("_snapshot", snapshot.Value.ToString(CultureInfo.InvariantCulture)).With("_offset", Num(offset + count));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = "AuditEvent?" + next.ToQueryString() });
        }

        return bundle;
    }

    private static long Count(SqliteConnection connection, AuditFilter filter, string where, long snapshot)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM audit_event WHERE {where}";
        filter.Bind(command);
        command.Parameters.AddWithValue("$snapshot", snapshot);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long MaxSeq(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM audit_event";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static bool Sort(string value) => value switch
    {
        "date" or "_lastUpdated" => false,
        "-date" or "-_lastUpdated" => true,
        _ => throw FhirGatewayException.BadRequest($"The audit store sorts by date or -date, not '{value}'."),
    };

    private static long Whole(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw FhirGatewayException.BadRequest($"{name} must be a whole number, not '{value}'.");

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
