using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.StoreLoad;

/// <summary>
/// Where an import's time goes: each step of the NDJSON path timed alone over every line, on one thread, in
/// microseconds per resource. The steps are those <c>fhir import</c> runs in order: the planning scan (JSON document
/// of each line), Firely's strict parse, the store's serialization, its reference scan, indexing, the SQLite writes.
/// </summary>
internal static class ImportPhases
{
    public static IReadOnlyList<(string Step, double MicrosPerResource)> Measure(string ndjson, string folder)
    {
        var lines = File.ReadLines(ndjson).Where(l => l.Length > 0).ToList();
        var steps = new List<(string, double)>();

        steps.Add(("planning scan (JsonDocument per line)", Time(lines, line =>
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(line));
        })));

        var parsed = new Resource[lines.Count];
        var i = 0;
        steps.Add(("strict Firely parse", Time(lines, line => parsed[i++] = FhirJson.Parse(line))));

        var json = new string[parsed.Length];
        i = 0;
        steps.Add(("serialize for storage", Time(parsed, resource => json[i++] = FhirJson.Serialize(resource))));

        i = 0;
        steps.Add(("reference scan of the JSON", Time(parsed, resource => ReferenceScanner.Scan(resource.TypeName, json[i++]))));

        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, $"phases-{Guid.NewGuid():N}.db")};Pooling=false");
        connection.Open();
        StoreSchema.Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        var indexer = new SearchIndexer(SearchParameterRegistry.Default, StoreSchema.Initialize(connection, SearchParameterRegistry.Default));
        foreach (var resource in parsed.DistinctBy(r => r.TypeName))
            indexer.Index(resource);
        steps.Add(("index (compiled)", Time(parsed, resource => indexer.Index(resource))));

        using var transaction = connection.BeginTransaction();
        using var writer = new ResourceWriter(connection, transaction, indexer, new DateStats(), TimeProvider.System);
        var prepared = parsed.Select(r => writer.Prepare(r, null)).ToList();
        steps.Add(("current-row lookup", Time(parsed, resource => writer.CheckedCurrent(resource))));
        steps.Add(("SQLite rows (resource, index, change)", Time(prepared, write => writer.Commit(write))));
        var start = Stopwatch.GetTimestamp();
        writer.Finish();
        transaction.Commit();
        steps.Add(("reference check and commit", Stopwatch.GetElapsedTime(start).TotalMicroseconds / parsed.Length));
        return steps;
    }

    private static double Time<T>(IReadOnlyList<T> items, Action<T> step)
    {
        var start = Stopwatch.GetTimestamp();
        foreach (var item in items)
            step(item);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / items.Count;
    }
}
