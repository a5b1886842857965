using System.Globalization;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Reads history Bundles: one resource's versions, and a type's or the whole store's versions from the change
/// feed, newest first, in pages that stay stable while writes go on (see <see cref="HistoryPaging"/>).
/// </summary>
internal sealed class HistoryReader(SqliteConnection connection, int defaultPageSize, int maxPageSize)
{
    /// <summary>All versions of <c>type/id</c>, newest first; 404 when it has none.</summary>
    public Bundle Instance(string type, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, json FROM resources WHERE type = $t AND id = $i
            UNION ALL SELECT h.version, h.json FROM history h JOIN resources r ON r.rid = h.rid WHERE r.type = $t AND r.id = $i
            ORDER BY 1 DESC
            """;
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
        var bundle = new Bundle { Type = Bundle.BundleType.History };
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                bundle.Entry.Add(Entry(type, id, reader.GetInt32(0), reader.GetString(1)));
            }
        }

        if (bundle.Entry.Count == 0)
        {
            throw FhirGatewayException.NotFound($"{type}/{id} does not exist.");
        }

        bundle.Total = bundle.Entry.Count;
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{type}/{id}/_history" });
        return bundle;
    }

    /// <summary>One page of the versions of every <paramref name="type"/> resource (every resource when null), newest first.</summary>
    public Bundle Changes(string? type, SearchQuery query)
    {
        var paging = HistoryPaging.Parse(query, defaultPageSize, maxPageSize);
        var snapshot = paging.Snapshot ?? LatestSequence();
        using var command = connection.CreateCommand();
        // The change feed has one row per stored version in commit order; its sequence is the stable order of history.
        command.CommandText = $"""
            SELECT c.type, c.id, c.version, CASE WHEN r.version = c.version THEN r.json ELSE h.json END
            FROM changes c
            JOIN resources r ON r.type = c.type AND r.id = c.id
            LEFT JOIN history h ON h.rid = r.rid AND h.version = c.version
            WHERE c.seq <= $snapshot {(type is null ? "" : "AND c.type = $type")} {(paging.Since is null ? "" : "AND c.last_updated >= $since")}
            ORDER BY c.seq DESC LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$snapshot", snapshot);
        command.Parameters.AddWithValue("$type", (object?)type ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", (object?)paging.Since?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", paging.Count + 1);
        command.Parameters.AddWithValue("$offset", paging.Offset);
        var bundle = new Bundle { Type = Bundle.BundleType.History };
        var hasMore = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (bundle.Entry.Count == paging.Count)
                {
                    hasMore = true;
                    break;
                }

                if (!reader.IsDBNull(3))
                {
                    bundle.Entry.Add(Entry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
                }
            }
        }

        var path = type is null ? "_history" : $"{type}/_history";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{path}?{paging.Link(snapshot, paging.Offset).ToQueryString()}" });
        if (hasMore)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"{path}?{paging.Link(snapshot, paging.Offset + paging.Count).ToQueryString()}" });
        }

        if (paging.Offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = $"{path}?{paging.Link(snapshot, Math.Max(0, paging.Offset - paging.Count)).ToQueryString()}" });
        }

        return bundle;
    }

    private long LatestSequence()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM changes";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static Bundle.EntryComponent Entry(string type, string id, int version, string json)
    {
        var resource = FhirJson.ParseStored(json);
        return new Bundle.EntryComponent
        {
            FullUrl = $"{type}/{id}",
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = version == 1 ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT, Url = version == 1 ? type : $"{type}/{id}" },
            Response = new Bundle.ResponseComponent
            {
                Status = version == 1 ? "201 Created" : "200 OK",
                Etag = $"W/\"{version}\"",
                LastModified = resource.Meta?.LastUpdated,
            },
        };
    }
}
