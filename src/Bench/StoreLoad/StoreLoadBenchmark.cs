using System.Diagnostics;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.StoreLoad;

/// <summary>
/// The <c>store-load</c> benchmark: the cost of indexing with the FHIRPath interpreter against the compiled
/// element access, per resource on one thread; <c>fhir import</c> of the generator's NDJSON into a fresh store with the
/// interpreter, compiled with the load prepared in line with the writer, and compiled with it prepared ahead (the
/// default), side by side in one run; a Synthea-style folder's import before and after its bundles were loaded as NDJSON
/// is (<see cref="SyntheaFolderImport"/>, <c>--synthea R</c> rounds, 0 to leave it out); and each step of an import timed
/// alone. Usage: <c>store-load [--patients N] [--seed S] [--rounds R] [--last N] [--synthea R]</c>.
/// </summary>
internal static class StoreLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var patients = Argument(args, "--patients", 100);
        var seed = Argument(args, "--seed", 42);
        var rounds = Argument(args, "--rounds", 2);
        var last = Argument(args, "--last", 0);
        var syntheaRounds = Argument(args, "--synthea", 2);
        using var folder = BenchFolder.Create("clinicalagent-store-load-");
        var ndjson = folder.PathOf("export.ndjson");
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(patients, seed, BenchFolder.DatasetNow)).Generate().ToList();
        await using (var file = File.Create(ndjson))
            SyntheticNdjsonWriter.Write(resources, file);

        var (interpretedUs, compiledUs) = IndexingCost(resources, folder.Root);
        Console.WriteLine($"# Store load: {resources.Count:N0} resources of {patients} patients (seed {seed}), {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.Write(new MarkdownTable().Left("Measure").Right("FHIRPath interpreter").Right("Compiled").Right("Ratio")
            .Row($"Indexing, µs per resource (one thread)", $"{interpretedUs:F1}", $"{compiledUs:F1}", $"{interpretedUs / compiledUs:F2}×"));

        // Alternating, so no variant gets all the warm-up or all the page cache. Each after the first adds one change;
        // those before the UTF-8 row keep the string lines and JSON (Utf8Lines, Utf8Json off), those before the last the
        // import's planning as it was (ParallelScan off).
        (string Name, FhirStoreOptions Options, FhirImportOptions Import)[] variants =
        [
            ("FHIRPath interpreter, prepared in line, a resource's statements", new() { InterpretEveryExpression = true, PrepareLoadAhead = false, BatchLoadRows = false, DeferLoadIndexes = false, LoadCacheMiB = 64, Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("compiled, prepared in line, a resource's statements", new() { PrepareLoadAhead = false, BatchLoadRows = false, DeferLoadIndexes = false, LoadCacheMiB = 64, Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("compiled, prepared ahead, a resource's statements (before)", new() { BatchLoadRows = false, DeferLoadIndexes = false, LoadCacheMiB = 64, Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("… and statements spanning each chunk", new() { DeferLoadIndexes = false, LoadCacheMiB = 64, Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("… and the secondary indexes built at the end", new() { LoadCacheMiB = 64, Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("… and a 256 MiB page cache during the load", new() { Utf8Json = false, LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: false)),
            ("… and the lines and JSON kept in UTF-8", new() { LazyReferencePaths = false, SortOnAllCores = false }, Before(utf8: true)),
            ("… and the planning scan on all cores, the store asked only about types it holds", new() { LazyReferencePaths = false, SortOnAllCores = false }, new() { ParseAhead = false, DirectObservations = false }),
            ("… and the lines parsed ahead of the store's preparing", new() { LazyReferencePaths = false, SortOnAllCores = false }, Firely()),
            ("… and reference paths spelled out only for an error", new() { SortOnAllCores = false }, Firely()),
            ("… and the deferred indexes sorted on all cores", new() { IndexAfterCommit = false }, Firely()),
            ("… and those indexes built after the data's commit, beside its checkpoint", new(), Firely()),
            ("… and Observations of the common shape read directly, Firely for the rest (the default)", new(), new()),
        ];
        // --last N: only the last N rows, compared with the first of them (more rounds of the changes being measured).
        var reference = 2;
        if (last > 0 && last < variants.Length)
        {
            variants = variants[^last..];
            reference = 0;
        }

        var rates = variants.Select(_ => new List<(double PerSecond, double CpuMicros)>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
                rates[v].Add(await ImportRateAsync(ndjson, folder, variants[v].Options, variants[v].Import));
        }

        if (rounds > 0)
        {
            // Wall time is what a user sees; CPU time per resource (all threads) is what survives a loaded machine.
            var before = rates[reference].Max(r => r.PerSecond);
            var beforeCpu = rates[reference].Min(r => r.CpuMicros);
            var table = new MarkdownTable().Left($"`fhir import` of the NDJSON (best of {rounds}; load average {MachineFacts.LoadAverage()})")
                .Right("resources/s").Right("vs before").Right("CPU µs per resource").Right("vs before");
            for (var v = 0; v < variants.Length; v++)
            {
                var (rate, cpu) = (rates[v].Max(r => r.PerSecond), rates[v].Min(r => r.CpuMicros));
                table.Row($"{variants[v].Name}", $"{rate:N0}", $"{rate / before:F2}×", $"{cpu:F0}", $"{beforeCpu / cpu:F2}×");
            }

            Console.WriteLine();
            Console.Write(table);
        }

        if (syntheaRounds > 0)
        {
            Console.WriteLine();
            Console.Write(await SyntheaFolderImport.MeasureAsync(patients, seed, syntheaRounds, folder));
        }

        var steps = new MarkdownTable().Left("Step of an NDJSON import (one thread)").Right("CPU µs per resource");
        foreach (var (step, micros) in ImportPhases.Measure(ndjson, folder.Root))
            steps.Row($"{step}", $"{micros:F1}");
        Console.WriteLine();
        Console.Write(steps);
        return 0;
    }

    private static (double Interpreted, double Compiled) IndexingCost(List<Resource> resources, string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "ids.db")};Pooling=false");
        connection.Open();
        var indexer = new SearchIndexer(SearchParameterRegistry.Default, StoreSchema.Initialize(connection, SearchParameterRegistry.Default));
        foreach (var resource in resources.DistinctBy(r => r.TypeName))
        {
            indexer.Index(resource, precompiled: false); // compiles each type's expressions once, outside the timing
            indexer.Index(resource, precompiled: true);
        }

        double Time(bool precompiled)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var resource in resources)
                indexer.Index(resource, precompiled);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds / resources.Count;
        }

        return (Time(precompiled: false), Time(precompiled: true));
    }

    private static async Task<(double PerSecond, double CpuMicros)> ImportRateAsync(string ndjson, BenchFolder folder, FhirStoreOptions options, FhirImportOptions importOptions)
    {
        options.DatabasePath = folder.PathOf($"store-{Guid.NewGuid():N}.db");
        using var store = EmbeddedFhirStore.Open(options);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var result = await new FhirImporter(store, importOptions).ImportAsync(ndjson);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        return (result.Resources / seconds, cpuMicros / result.Resources);
    }

    // The import's options before the changes measured after the UTF-8 row.
    private static FhirImportOptions Before(bool utf8) => new() { Utf8Lines = utf8, ParallelScan = false, ParseAhead = false, DirectObservations = false };

    // The import's options with every line parsed by Firely, as before the direct Observation reader.
    private static FhirImportOptions Firely() => new() { DirectObservations = false };

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
