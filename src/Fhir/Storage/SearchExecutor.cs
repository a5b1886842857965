using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Runs a checked search on one connection and builds the searchset Bundle: matches, includes, total, links.</summary>
internal sealed class SearchExecutor(SqliteConnection connection, SqliteTransaction? transaction, ParamIds ids, DateStats dateStats, TimeProvider time)
{
    /// <summary>Most resources one _include or _revinclude adds to a page; more are reported, not returned.</summary>
    public const int IncludeLimit = 1000;

    public Bundle Execute(ParsedSearch search)
    {
        var built = new SearchSqlBuilder(ids, time, dateStats).Build(search, CountUpTo);

        // Rows only ever get higher ids (resources are never deleted, so SQLite never reuses the top one): leaving
        // out rows above the first page's highest keeps resources created between pages from shifting the offsets.
        var snapshot = search.Snapshot ?? HighestRow();
        var sql = built with { Where = $"{built.Where} AND r.rid <= $snapshot", Parameters = [.. built.Parameters, new("$snapshot", snapshot)] };
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var matches = new List<(long Rid, string Type, string Id, string Json)>();
        if (!search.CountOnly)
        {
            using var command = Command($"SELECT r.rid, r.type, r.id, r.json FROM resources r WHERE {sql.Where} ORDER BY {sql.OrderBy} LIMIT {search.Count + 1} OFFSET {search.Offset}", sql.Parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                matches.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        // One row past the page tells whether there is a next page without counting everything.
        var hasMore = matches.Count > search.Count;
        if (hasMore)
        {
            matches.RemoveAt(matches.Count - 1);
        }

        if (search.CountOnly || (search.WantTotal && (hasMore || search.Offset > 0)))
        {
            using var count = Command($"SELECT COUNT(*) FROM resources r WHERE {sql.Where}", sql.Parameters);
            bundle.Total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (search.WantTotal)
        {
            bundle.Total = matches.Count;
        }

        foreach (var match in matches)
        {
            bundle.Entry.Add(Entry(match.Type, match.Id, match.Json, Bundle.SearchEntryMode.Match));
        }

        AddIncludes(search, bundle, matches);
        AddLinks(search, bundle, hasMore, snapshot);
        return bundle;
    }

    private long HighestRow()
    {
        using var command = Command("SELECT COALESCE(MAX(rid), 0) FROM resources", []);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AddIncludes(ParsedSearch search, Bundle bundle, List<(long Rid, string Type, string Id, string Json)> matches)
    {
        if (matches.Count == 0 || search.Includes.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(matches.Select(m => m.Type + "/" + m.Id), StringComparer.Ordinal);
        var rids = string.Join(",", matches.Select(m => m.Rid));
        foreach (var include in search.Includes)
        {
            var pid = ids[include.Parameter];
            var query = include.Reverse
                ? $"""
                  SELECT DISTINCT s.type, s.id, s.json FROM reference_idx x JOIN resources s ON s.rid = x.rid
                  WHERE x.pid = {pid} AND x.target_type = $type AND x.target_id IN (SELECT id FROM resources WHERE rid IN ({rids}))
                  ORDER BY s.id LIMIT {IncludeLimit + 1}
                  """
                : $"""
                  SELECT DISTINCT t.type, t.id, t.json FROM reference_idx x JOIN resources t ON t.type = x.target_type AND t.id = x.target_id
                  WHERE x.pid = {pid} AND x.rid IN ({rids}) {(include.TargetType is null ? "" : "AND x.target_type = $target")}
                  ORDER BY t.id LIMIT {IncludeLimit + 1}
                  """;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = query;
            command.Parameters.AddWithValue("$type", search.ResourceType);
            command.Parameters.AddWithValue("$target", (object?)include.TargetType ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var added = 0;
            while (reader.Read())
            {
                if (++added > IncludeLimit)
                {
                    bundle.Entry.Add(LimitWarning(include));
                    break;
                }

                var key = reader.GetString(0) + "/" + reader.GetString(1);
                if (seen.Add(key))
                {
                    bundle.Entry.Add(Entry(reader.GetString(0), reader.GetString(1), reader.GetString(2), Bundle.SearchEntryMode.Include));
                }
            }
        }
    }

    private static Bundle.EntryComponent LimitWarning(IncludeSpec include) => new()
    {
        Resource = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Warning,
                    Code = OperationOutcome.IssueType.TooCostly,
                    Diagnostics = $"{(include.Reverse ? "_revinclude" : "_include")} {include.Parameter.ResourceType}:{include.Parameter.Name} stopped at {IncludeLimit} resources.",
                },
            ],
        },
        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
    };

    private static void AddLinks(ParsedSearch search, Bundle bundle, bool hasMore, long snapshot)
    {
        var self = search.Understood.With("_count", Num(search.Count));
        var paged = self.With(SearchParameterRegistry.SnapshotParameter, snapshot.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (search.Offset > 0)
        {
            self = paged.With("_offset", Num(search.Offset));
        }

        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{search.LinkPath}?{self.ToQueryString()}" });
        if (hasMore)
        {
            var next = paged.With("_offset", Num(search.Offset + search.Count));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"{search.LinkPath}?{next.ToQueryString()}" });
        }

        if (search.Offset > 0)
        {
            var previous = paged.With("_offset", Num(Math.Max(0, search.Offset - search.Count)));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = $"{search.LinkPath}?{previous.ToQueryString()}" });
        }
    }

    private static string Num(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Bundle.EntryComponent Entry(string type, string id, string json, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{type}/{id}",
        Resource = FhirJson.ParseStored(json),
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    private long CountUpTo(string countSql, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        using var command = Command(countSql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string text, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
