using System.Diagnostics;
using System.Text.Json;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.StoreLoad;

/// <summary>
/// Where an import's time goes: each step of the NDJSON path timed alone over every line, on one thread, in
/// CPU microseconds per resource. The steps are those <c>fhir import</c> runs in order: the planning scan (JSON document
/// of each line), Firely's strict parse, the store's serialization, its reference scan, indexing, the SQLite writes
/// (resource by resource as before, and with statements spanning each chunk and the indexes built at the end).
/// </summary>
internal static class ImportPhases
{
    public static IReadOnlyList<(string Step, double MicrosPerResource)> Measure(string ndjson, string folder)
    {
        var lines = File.ReadLines(ndjson).Where(l => l.Length > 0).ToList();
        var steps = new List<(string, double)>();

        steps.Add(("reading the lines as strings, encoded back to UTF-8 (before)", Timed(lines.Count, () => NdjsonLines.Read(ndjson, utf8: false).ToList())));
        var utf8Lines = new List<byte[]>();
        steps.Add(("reading the lines as UTF-8", Timed(lines.Count, () => utf8Lines = [.. NdjsonLines.Read(ndjson).Select(l => l.Utf8)])));

        steps.Add(("planning scan (JsonDocument per line)", Time(utf8Lines, line =>
        {
            using var document = JsonDocument.Parse(line);
        })));

        var parsed = new Resource[lines.Count];
        var i = 0;
        steps.Add(("strict Firely parse (before)", Time(utf8Lines, line => parsed[i++] = FhirJson.ParseWithFirely(line))));
        steps.Add(("direct reader for Observations of the common shape, strict Firely parse for the rest", Time(utf8Lines, line => FhirJson.Parse(line))));
        var observations = utf8Lines.Where((_, n) => parsed[n] is Observation).ToList();
        steps.Add(("  Observations only: strict Firely parse", Time(observations, line => FhirJson.ParseWithFirely(line))));
        steps.Add(("  Observations only: direct reader, Firely for those it declines", Time(observations, line => FhirJson.Parse(line))));

        // Not a step of the import (it must reject what strict parsing rejects): what strict validation adds to the parse.
        steps.Add(("  for comparison: Firely parse without strict validation", Time(lines, line => FhirJson.ParseStored(line))));

        var json = new string[parsed.Length];
        i = 0;
        steps.Add(("serialize for storage to a string (before)", Time(parsed, resource => json[i++] = FhirJson.Serialize(resource))));

        i = 0;
        steps.Add(("reference scan of the string (before)", Time(parsed, resource => ReferenceScanner.Scan(resource.TypeName, json[i++]))));

        steps.Add(("reference syntax check, every element's path spelled out (before)", Time(parsed, resource => ReferenceSyntax.Check(resource, lazyPaths: false))));
        steps.Add(("reference syntax check, paths spelled out for an error only", Time(parsed, resource => ReferenceSyntax.Check(resource))));

        var utf8 = new byte[parsed.Length][];
        i = 0;
        steps.Add(("serialize for storage to UTF-8", Time(parsed, resource => utf8[i++] = FhirJson.SerializeToBytes(resource))));

        i = 0;
        steps.Add(("reference scan of the UTF-8", Time(parsed, resource => ReferenceScanner.Scan(resource.TypeName, utf8[i++]))));

        var indexer = default(SearchIndexer);
        using (var connection = Open(folder))
        {
            indexer = new SearchIndexer(SearchParameterRegistry.Default, StoreSchema.Initialize(connection, SearchParameterRegistry.Default));
            foreach (var resource in parsed.DistinctBy(r => r.TypeName))
                indexer.Index(resource);
            steps.Add(("index (compiled)", Time(parsed, resource => indexer.Index(resource))));

            using var transaction = connection.BeginTransaction();
            using var writer = new ResourceWriter(connection, transaction, indexer, new DateStats(), TimeProvider.System);
            var prepared = parsed.Select(r => writer.Prepare(r, null)).ToList();
            steps.Add(("current-row lookup", Time(parsed, resource => writer.CheckedCurrent(resource))));
            steps.Add(("SQLite rows, a resource's statements (before)", Time(prepared, write => writer.Commit(write))));
            steps.Add(("reference check and commit", Timed(parsed.Length, () => { writer.Finish(); transaction.Commit(); })));
        }

        using (var connection = Open(folder))
        {
            StoreSchema.Initialize(connection, SearchParameterRegistry.Default);
            using var transaction = connection.BeginTransaction();
            using var writer = new ResourceWriter(connection, transaction, indexer, new DateStats(), TimeProvider.System);
            var chunks = parsed.Chunk(new FhirStoreOptions().LoadChunk).Select(chunk => chunk.Select(r => writer.Prepare(r, null)).ToList()).ToList();
            steps.Add(("dropping the secondary indexes", Timed(parsed.Length, writer.DeferIndexes)));
            steps.Add(("SQLite rows, statements spanning each chunk, no secondary indexes", Time(chunks, writer.CommitChunk) * chunks.Count / parsed.Length));
            steps.Add(("reference check, building the indexes, commit", Timed(parsed.Length, () => { writer.Finish(); transaction.Commit(); })));
        }

        // The chunk statements' parts alone, secondary indexes kept: resources rows, index rows, change rows.
        using (var connection = Open(folder))
        {
            StoreSchema.Initialize(connection, SearchParameterRegistry.Default);
            using var transaction = connection.BeginTransaction();
            using var writer = new ResourceWriter(connection, transaction, indexer, new DateStats(), TimeProvider.System);
            using var inserter = new ChunkInserter(connection, transaction);
            var chunks = parsed.Chunk(new FhirStoreOptions().LoadChunk).Select(chunk => chunk.Select(r => writer.Prepare(r, null)).ToList()).ToList();
            var firsts = new List<long>();
            steps.Add(("  chunk statements: resources rows (JSON)", Timed(parsed.Length, () => chunks.ForEach(c => firsts.Add(inserter.InsertResources(c))))));
            steps.Add(("  chunk statements: index rows, secondary indexes kept", Timed(parsed.Length, () => { for (var c = 0; c < chunks.Count; c++) inserter.InsertIndexRows(chunks[c], firsts[c]); })));
            steps.Add(("  chunk statements: change rows", Timed(parsed.Length, () => chunks.ForEach(inserter.InsertChanges))));
            steps.Add(("  commit", Timed(parsed.Length, transaction.Commit)));
        }

        return steps;
    }

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, $"phases-{Guid.NewGuid():N}.db")};Pooling=false");
        connection.Open();
        StoreSchema.Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        return connection;
    }

    // CPU time of the process, not wall time: the steps run on one thread, and on a loaded machine wall time mostly
    // measures the other processes.
    private static double Timed(int resources, Action step)
    {
        var start = Cpu();
        step();
        return (Cpu() - start).TotalMicroseconds / resources;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Time<T>(IReadOnlyList<T> items, Action<T> step) =>
        Timed(items.Count, () =>
        {
            foreach (var item in items)
                step(item);
        });
}
