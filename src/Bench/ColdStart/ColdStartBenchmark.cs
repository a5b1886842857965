using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Bench.ColdStart;

/// <summary>
/// <c>cold-start</c>: what a user waits for when a command starts in a fresh process, as <c>fhir import</c> and
/// <c>fhir search</c> do. For each <c>clinicalagent</c> binary (the Release build, one published ReadyToRun, …) and
/// each runtime setting (environment variables such as <c>DOTNET_TC_QuickJit=0</c>), in rounds taking turns: a cold
/// <c>fhir import</c> of the generator's NDJSON into a new store (wall and CPU time), then a cold <c>fhir search</c> on
/// that store. The warm figure for the same import is <c>store-load</c>'s.
/// </summary>
internal static class ColdStartBenchmark
{
    public static int Run(string[] args)
    {
        if (!ColdStartOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error + Environment.NewLine + ColdStartOptions.Usage);
            return 2;
        }

        var clis = options.Clis.Count > 0 ? options.Clis : [ReleaseBuild()];
        if (clis.FirstOrDefault(cli => !File.Exists(cli)) is { } missing)
        {
            Console.Error.WriteLine($"No clinicalagent binary at {missing}; build it first (dotnet build src/Cli -c Release) or name one with --cli.");
            return 2;
        }

        var settings = options.Settings.Count > 0 ? options.Settings : ColdStartOptions.DefaultSettings;
        using var folder = BenchFolder.Create("clinicalagent-cold-start-");
        var ndjson = folder.PathOf("export.ndjson");
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, BenchFolder.DatasetNow)).Generate().ToList();
        using (var file = File.Create(ndjson))
            SyntheticNdjsonWriter.Write(resources, file);
        var patient = resources.OfType<Patient>().First().Id;

        var cases = clis.SelectMany(cli => settings.Select(setting => new ColdStartCase(cli, setting))).ToList();
        var loadBefore = MachineFacts.LoadAverage();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var run in cases)
            {
                var store = folder.PathOf($"store-{Guid.NewGuid():N}.db");
                var environment = ColdStartOptions.Environment(run.Setting)!;
                var import = ChildRun.Run(run.Cli, ["fhir", "import", ndjson, "--db", store], environment);
                var search = import.ExitCode == 0
                    ? ChildRun.Run(run.Cli, ["fhir", "search", "Observation", $"patient={patient}", "code=http://loinc.org|2823-3", "_count=1", "--db", store], environment)
                    : import;
                if (search.ExitCode != 0)
                {
                    Console.Error.WriteLine($"error: {run.Cli} ({run.Setting}) exited with {search.ExitCode}: {search.LastError}");
                    return 1;
                }

                run.Imports.Add(import);
                run.Searches.Add(search);
                Console.Error.WriteLine($"round {round + 1}: {run.Cli} ({run.Setting}): import {import.WallSeconds:F2} s, search {search.WallSeconds:F2} s");
                foreach (var path in Directory.GetFiles(folder.Root, Path.GetFileName(store) + "*"))
                    File.Delete(path);
            }
        }

        var machine = MachineFacts.Current();
        Console.WriteLine($"# Cold start: {resources.Count:N0} resources of {options.Patients} patients, {machine.Cores} cores, {machine.Cpu}, {machine.Runtime}");
        Console.WriteLine();
        Console.Write(ColdStartReport.Table(cases, resources.Count, options.Rounds));
        Console.WriteLine();
        Console.WriteLine($"Load average {loadBefore} before, {MachineFacts.LoadAverage()} after; the warm import of the same NDJSON: `store-load`.");
        return 0;
    }

    /// <summary>The repository's Release build of the command, found above this benchmark's own folder.</summary>
    private static string ReleaseBuild()
    {
        var name = OperatingSystem.IsWindows() ? "clinicalagent.exe" : "clinicalagent";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                return Path.Combine(folder.FullName, "src", "Cli", "bin", "Release", "net10.0", name);
        }

        return name;
    }
}
