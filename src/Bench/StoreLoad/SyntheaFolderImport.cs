using System.Diagnostics;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Bench.StoreLoad;

/// <summary>
/// <c>fhir import</c> of a Synthea-style folder (a transaction Bundle per patient, the providers in batch Bundles of
/// their own) into a fresh store: each patient bundle as a transaction processed entry by entry (before), loaded the
/// way an NDJSON file is, with the next file prepared while one is written, with the planning scan reading the files
/// on all cores, and with consecutive files loaded together (the default). Alternated in one process, rounds as <c>store-load</c>'s.
/// </summary>
internal static class SyntheaFolderImport
{
    public static async Task<MarkdownTable> MeasureAsync(int patients, int seed, int rounds, BenchFolder folder)
    {
        var export = folder.PathOf("synthea");
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(patients, seed, BenchFolder.DatasetNow, SyntheticStyle.Synthea)).Generate();
        var files = SyntheaExportWriter.Write(resources, export, BenchFolder.DatasetNow).Count;
        (string Name, FhirImportOptions Options)[] variants =
        [
            ("each patient bundle a transaction, entry by entry (before)", new() { LoadBundles = false, ParseAhead = false, ParallelScan = false, GroupResources = 0 }),
            ("loaded as an NDJSON file is, prepared on all cores", new() { ParseAhead = false, ParallelScan = false, GroupResources = 0 }),
            ("… and the next file parsed and planned while one is written", new() { ParallelScan = false, GroupResources = 0 }),
            ("… and the planning scan reading the files on all cores", new() { GroupResources = 0 }),
            ("… and consecutive files in one load of up to 100,000 resources (the default)", new()),
        ];

        var rates = variants.Select(_ => new List<(double PerSecond, double CpuMicros, int Resources)>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
                rates[v].Add(await ImportAsync(export, folder, variants[v].Options));
        }

        var before = rates[0].Max(r => r.PerSecond);
        var beforeCpu = rates[0].Min(r => r.CpuMicros);
        var table = new MarkdownTable()
            .Left($"`fhir import` of a Synthea-style folder, {files} files, {rates[0][0].Resources:N0} resources (best of {rounds}; load average {MachineFacts.LoadAverage()})")
            .Right("resources/s").Right("vs before").Right("CPU µs per resource").Right("vs before");
        for (var v = 0; v < variants.Length; v++)
        {
            var (rate, cpu) = (rates[v].Max(r => r.PerSecond), rates[v].Min(r => r.CpuMicros));
            table.Row($"{variants[v].Name}", $"{rate:N0}", $"{rate / before:F2}×", $"{cpu:F0}", $"{beforeCpu / cpu:F2}×");
        }

        return table;
    }

    private static async Task<(double PerSecond, double CpuMicros, int Resources)> ImportAsync(string export, BenchFolder folder, FhirImportOptions options)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = folder.PathOf($"synthea-{Guid.NewGuid():N}.db") });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var result = await new FhirImporter(store, options).ImportAsync(export);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        if (!result.Succeeded)
            throw new InvalidOperationException($"The Synthea-style import failed: {result.Failures[0].Error}");
        return (result.Resources / seconds, cpuMicros / result.Resources, result.Resources);
    }
}
