using System.Diagnostics;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// The <c>store</c> benchmark: seeds a fresh store with synthetic patients, then times typical searches through
/// the indexes and by a naive scan of the same JSON, and prints one Markdown report.
/// </summary>
public sealed class StoreBenchmark(BenchOptions options)
{
    /// <summary>The page size the store is opened with (its default), which the naive scan must match.</summary>
    private const int PageSize = 50;

    public async Task<int> RunAsync()
    {
        var folder = options.DatabasePath is null ? Directory.CreateTempSubdirectory("clinicalagent-bench-").FullName : null;
        var path = Path.GetFullPath(options.DatabasePath ?? Path.Combine(folder!, "store.db"));
        if (folder is null && File.Exists(path))
        {
            // The figures only mean something for a fresh store; never load on top of (or delete) someone's data.
            Console.Error.WriteLine($"{path} exists; the benchmark needs a fresh store. Remove it or pick another --db.");
            return 2;
        }

        try
        {
            var report = await MeasureAsync(path);
            Console.WriteLine(report);
            if (options.OutputPath is not null)
            {
                await File.WriteAllTextAsync(options.OutputPath, report);
            }

            return 0;
        }
        finally
        {
            if (!options.Keep)
            {
                Delete(path, folder);
            }
            else
            {
                Console.Error.WriteLine($"Kept the store at {path}");
            }
        }
    }

    private async Task<string> MeasureAsync(string path)
    {
        var machine = MachineFacts.Current();
        var generatorOptions = new SyntheticOptions(options.Patients, options.Seed, options.EffectiveNow);

        Progress($"Generating {options.Patients} patients (seed {options.Seed})...");
        var samples = new SampleCollector();
        var start = Stopwatch.GetTimestamp();
        foreach (var resource in new SyntheticPatientGenerator(generatorOptions).Generate())
        {
            samples.Observe(resource);
        }

        var generation = Stopwatch.GetElapsedTime(start);
        Progress($"  {samples.Total:N0} resources in {generation.TotalSeconds:F1} s");

        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = path, DefaultPageSize = PageSize });
        Progress($"Loading into {path}...");
        start = Stopwatch.GetTimestamp();
        var stored = await store.LoadAsync(new SyntheticPatientGenerator(generatorOptions).Generate());
        var load = Stopwatch.GetElapsedTime(start);
        var loadFigures = new LoadFigures(stored, await store.CountByTypeAsync(), generation, load, store.DatabaseBytes(),
            Process.GetCurrentProcess().PeakWorkingSet64);
        Progress($"  {stored:N0} resources in {load.TotalSeconds:F1} s");

        // Leave the load's garbage behind so a collection does not land inside the timings.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var cases = new QueryCatalog(samples, options.Seed, PageSize).Build(options.Queries);
        using var sql = new IndexedSql(path, PageSize);
        using var naive = new NaiveScan(path);
        var measurer = new CaseMeasurer(store, sql, naive, options);
        var results = new List<CaseResult>();
        foreach (var queryCase in cases)
        {
            Progress($"Timing ({queryCase.Key}) {queryCase.Title}...");
            results.Add(await measurer.MeasureAsync(queryCase));
        }

        var plans = cases.Select(c => (c.Key, Plan: sql.Explain(c.Queries[0]))).ToList();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return new MarkdownReport(options, machine, loadFigures, results, plans, sql.Text(cases[0].Queries[0]), peak).Render();
    }

    private static void Progress(string message) => Console.Error.WriteLine(message);

    private static void Delete(string path, string? folder)
    {
        try
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
                return;
            }

            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not remove the benchmark store: {ex.Message}");
        }
    }
}
