using System.Collections.Concurrent;
using System.Diagnostics;
using ClinicalAgent.Bench.Agent;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using static System.FormattableString;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Remote;

/// <summary>
/// <c>remote</c>: each read tool's latency over the remote gateway (the product's FHIR REST facade on loopback) beside
/// the same call on the embedded store, interleaved in one run; and the remote workflow trigger's lag, from a write
/// on the server to the instance's first step, at 1 and 50 writes per second.
/// </summary>
internal static class RemoteBenchmark
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!RemoteBenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + RemoteBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-remote-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            await Console.Error.WriteLineAsync($"Seeding {options.Patients} patients...");
            await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, Now, SyntheticStyle.Synthea)).Generate());
            await using var server = await LoopbackFhirServer.StartAsync(store);
            var machine = MachineFacts.Current();
            Console.WriteLine($"# Remote gateway benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}\n");
            Console.WriteLine(Invariant($"Served store on loopback ({server.BaseUrl}), {options.Patients} Synthea-style patients, {options.Repeats} calls of each, interleaved.\n"));
            await ToolLatencyAsync(store, server.BaseUrl, options);
            Console.WriteLine();
            Console.WriteLine(Invariant($"## Remote FHIR trigger: write on the server to the instance's first step (poll every {options.PollMs} ms)\n"));
            Console.WriteLine("| Writes/s | Writes | Instances | p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var rate in new[] { 1, 50 })
            {
                var (writes, lags) = await TriggerLagAsync(store, server.BaseUrl, Path.Combine(folder, $"rate{rate}"), rate, options);
                var stats = LatencyStats.Of(lags);
                Console.WriteLine(Invariant($"| {rate} | {writes} | {lags.Count} | {stats.P50:0} | {stats.P95:0} | {lags.DefaultIfEmpty().Max():0} |"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ToolLatencyAsync(IEmbeddedFhirStore store, Uri baseUrl, RemoteBenchOptions options)
    {
        using var http = new HttpClient();
        using var embedded = new ToolScope(store, o => o.Now = Now);
        using var remote = new ToolScope(new RemoteFhirGateway(http, baseUrl), o => o.Now = Now);
        var patient = (Patient)(await store.SearchAsync("Patient", new Fhir.Search.SearchQuery([new("_count", "1")]))).Entry[0].Resource!;
        var document = (await store.SearchAsync("DocumentReference", new Fhir.Search.SearchQuery([new("patient", patient.Id!), new("_count", "1")])))
            .Entry.Select(e => e.Resource?.Id).FirstOrDefault();
        Console.WriteLine("| Tool call | embedded p50 ms | remote p50 ms | remote p95 ms | remote / embedded |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var sums = (Embedded: 0.0, Remote: 0.0);
        foreach (var call in ToolCallCatalog.For(patient, document))
        {
            var times = (Embedded: new List<double>(), Remote: new List<double>());
            for (var i = 0; i < options.Repeats + 2; i++)
            {
                var e = await TimeAsync(() => embedded.Toolbox.CallAsync(call.Tool, call.Arguments));
                var r = await TimeAsync(() => remote.Toolbox.CallAsync(call.Tool, call.Arguments));
                if (i >= 2)
                {
                    times.Embedded.Add(e);
                    times.Remote.Add(r);
                }
            }

            var (em, re) = (LatencyStats.Of(times.Embedded), LatencyStats.Of(times.Remote));
            sums = (sums.Embedded + em.P50, sums.Remote + re.P50);
            var label = $"{call.Tool}({string.Join(", ", call.Arguments.Where(a => a.Key != "patient_id").Select(a => $"{a.Key}={a.Value}"))})";
            Console.WriteLine(Invariant($"| {label} | {em.P50:0.00} | {re.P50:0.00} | {re.P95:0.00} | {re.P50 / em.P50:0.0}× |"));
        }

        Console.WriteLine(Invariant($"| **sum of p50** | {sums.Embedded:0.0} | {sums.Remote:0.0} | | **{sums.Remote / sums.Embedded:0.0}×** |"));
    }

    private static async Task<double> TimeAsync(Func<Task<string>> call)
    {
        var clock = Stopwatch.StartNew();
        var result = await call();
        clock.Stop();
        return result.StartsWith("{\"error\"", StringComparison.Ordinal)
            ? throw new InvalidOperationException("A benchmarked tool call failed: " + result)
            : clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(int Writes, List<double> Lags)> TriggerLagAsync(
        IEmbeddedFhirStore store, Uri baseUrl, string folder, int rate, RemoteBenchOptions options)
    {
        await using var workflows = RemoteWorkflowScope.Create(baseUrl, folder, TimeSpan.FromMilliseconds(options.PollMs));
        var patientId = (await store.SearchAsync("Patient", new Fhir.Search.SearchQuery([new("_count", "1")]))).Entry[0].Resource!.Id!;
        var firstSteps = new ConcurrentDictionary<string, DateTimeOffset>();
        workflows.Engine.StepStarting += step =>
        {
            if (step.StepsDone == 0)
                firstSteps.TryAdd(step.InstanceId, DateTimeOffset.UtcNow);
        };
        await workflows.Host.StartAsync();

        var written = new ConcurrentDictionary<string, DateTimeOffset>();
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        var total = rate * options.Seconds;
        for (var i = 0; i < total; i++)
        {
            await pace.WaitForNextTickAsync();
            var created = await store.CreateAsync(RemoteWorkflowScope.Lab(patientId));
            written[created.Resource.Id!] = DateTimeOffset.UtcNow;
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (firstSteps.Count < total && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(50);
        await workflows.Host.WaitIdleAsync(TimeSpan.FromSeconds(30));

        var lags = new List<double>();
        foreach (var (instanceId, started) in firstSteps)
        {
            var instance = await workflows.Engine.Store.GetAsync(instanceId);
            var id = instance?.Variables["trigger"]?["id"]?.GetValue<string>();
            if (id is not null && written.TryGetValue(id, out var at))
                lags.Add((started - at).TotalMilliseconds);
        }

        return (total, lags);
    }
}
