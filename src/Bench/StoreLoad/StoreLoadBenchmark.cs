using System.Diagnostics;
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
/// default), side by side in one run; and each step of an import timed alone. Usage:
/// <c>store-load [--patients N] [--seed S] [--rounds R]</c>.
/// </summary>
internal static class StoreLoadBenchmark
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var patients = Argument(args, "--patients", 100);
        var seed = Argument(args, "--seed", 42);
        var rounds = Argument(args, "--rounds", 2);
        var folder = Directory.CreateTempSubdirectory("clinicalagent-store-load-").FullName;
        try
        {
            var ndjson = Path.Combine(folder, "export.ndjson");
            var resources = new SyntheticPatientGenerator(new SyntheticOptions(patients, seed, Now)).Generate().ToList();
            await using (var file = File.Create(ndjson))
                SyntheticNdjsonWriter.Write(resources, file);

            var (interpretedUs, compiledUs) = IndexingCost(resources, folder);
            Console.WriteLine($"# Store load: {resources.Count:N0} resources of {patients} patients (seed {seed}), {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| Measure | FHIRPath interpreter | Compiled | Ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| Indexing, µs per resource (one thread) | {interpretedUs:F1} | {compiledUs:F1} | {interpretedUs / compiledUs:F2}× |");

            // Alternating, so no variant gets all the warm-up or all the page cache.
            var interpreted = new List<double>();
            var inLine = new List<double>();
            var ahead = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                interpreted.Add(await ImportRateAsync(ndjson, folder, interpret: true, prepareAhead: false));
                inLine.Add(await ImportRateAsync(ndjson, folder, interpret: false, prepareAhead: false));
                ahead.Add(await ImportRateAsync(ndjson, folder, interpret: false, prepareAhead: true));
            }

            if (rounds > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"| `fhir import` of the NDJSON, resources/s (best of {rounds}) | resources/s | vs interpreter |");
                Console.WriteLine("|---|---:|---:|");
                Console.WriteLine($"| FHIRPath interpreter, prepared in line with the writer | {interpreted.Max():N0} | 1.00× |");
                Console.WriteLine($"| compiled, prepared in line with the writer | {inLine.Max():N0} | {inLine.Max() / interpreted.Max():F2}× |");
                Console.WriteLine($"| compiled, prepared ahead of the writer (the default) | {ahead.Max():N0} | {ahead.Max() / interpreted.Max():F2}× |");
            }

            Console.WriteLine();
            Console.WriteLine("| Step of an NDJSON import (one thread) | µs per resource |");
            Console.WriteLine("|---|---:|");
            foreach (var (step, micros) in ImportPhases.Measure(ndjson, folder))
                Console.WriteLine($"| {step} | {micros:F1} |");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

    private static async Task<double> ImportRateAsync(string ndjson, string folder, bool interpret, bool prepareAhead)
    {
        var database = Path.Combine(folder, $"store-{Guid.NewGuid():N}.db");
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = database, InterpretEveryExpression = interpret, PrepareLoadAhead = prepareAhead });
        var start = Stopwatch.GetTimestamp();
        var result = await new FhirImporter(store).ImportAsync(ndjson);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return result.Resources / seconds;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
