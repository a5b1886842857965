using System.Diagnostics;
using System.Net.Http.Headers;
using ClinicalAgent.Bench.Remote;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using static System.FormattableString;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Rest;

/// <summary>
/// <c>rest</c>: FHIR REST throughput and latency (p50, p99) of the served facade in each <see cref="RestVariant"/> (audit
/// off, audit on, authorization on, both), side by side on the same store and searches, the variants taking
/// turns in rounds: <c>Observation?patient=…&amp;code=…&amp;_sort=-date&amp;_count=1</c> and <c>Patient?family=…</c>.
/// </summary>
internal static class RestBenchmark
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    /// <summary>The compared configurations; the first is the baseline.</summary>
    private static IReadOnlyList<RestVariant> Variants() =>
    [
        new("audit off", (services, folder) => services.AddAudit(o => o.Database = Path.Combine(folder, "audit.db"), enabled: false)),
        new("audit on", (services, folder) => services.AddAudit(o => o.Database = Path.Combine(folder, "audit.db"))),
        AuthorizedVariant.Create("authorization on", (services, folder) => services.AddAudit(o => o.Database = Path.Combine(folder, "audit.db"), enabled: false)),
        AuthorizedVariant.Create("authorization + audit on", (services, folder) => services.AddAudit(o => o.Database = Path.Combine(folder, "audit.db"))),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (!RestBenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + RestBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-rest-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            await Console.Error.WriteLineAsync($"Seeding {options.Patients} patients...");
            var resources = new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, Now)).Generate().ToList();
            await store.LoadAsync(resources);
            var patients = resources.OfType<Patient>().ToList();
            var queries = new (string Name, Func<int, string> Url)[]
            {
                ("Observation?patient=…&code=…&_sort=-date&_count=1", i => $"Observation?patient={patients[i % patients.Count].Id}&code=http://loinc.org|2823-3&_sort=-date&_count=1"),
                ("Patient?family=…", i => $"Patient?family={Uri.EscapeDataString(patients[i % patients.Count].Name[0].Family ?? "")}"),
            };

            var variants = Variants();
            var servers = new List<LoopbackFhirServer>();
            foreach (var variant in variants)
            {
                var scratch = Directory.CreateDirectory(Path.Combine(folder, servers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
                servers.Add(await LoopbackFhirServer.StartAsync(store, services => variant.Services(services, scratch), variant.App));
            }

            var machine = MachineFacts.Current();
            Console.WriteLine($"# FHIR REST benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}\n");
            Console.WriteLine(Invariant($"{options.Patients} synthetic patients; {options.Concurrency} requests in flight; {options.Seconds} s per query and variant in {options.Rounds} rounds, variants taking turns.\n"));
            Console.WriteLine("| Query | Variant | requests/s | p50 ms | p99 ms | throughput vs " + variants[0].Name + " |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var (name, url) in queries)
            {
                var samples = variants.Select(_ => new List<double>()).ToArray();
                var elapsed = new double[variants.Count];
                var slice = TimeSpan.FromSeconds((double)options.Seconds / options.Rounds);
                for (var v = 0; v < variants.Count; v++)
                    await LoadAsync(servers[v], variants[v], url, TimeSpan.FromSeconds(0.5), options.Concurrency, []); // warm-up
                for (var round = 0; round < options.Rounds; round++)
                {
                    for (var v = 0; v < variants.Count; v++)
                        elapsed[v] += await LoadAsync(servers[v], variants[v], url, slice, options.Concurrency, samples[v]);
                }

                var baseline = samples[0].Count / elapsed[0];
                for (var v = 0; v < variants.Count; v++)
                {
                    var stats = LatencyStats.Of(samples[v]);
                    var throughput = samples[v].Count / elapsed[v];
                    Console.WriteLine(Invariant($"| {name} | {variants[v].Name} | {throughput:0} | {stats.P50:0.00} | {stats.P99:0.00} | {throughput / baseline:0.00}× |"));
                }
            }

            foreach (var server in servers)
                await server.DisposeAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Closed loop: `concurrency` clients each send their next request when the last is answered; returns seconds spent.
    private static async Task<double> LoadAsync(LoopbackFhirServer server, RestVariant variant, Func<int, string> url, TimeSpan duration, int concurrency, List<double> samples)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        if (variant.BearerToken is { } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var next = 0;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                using var response = await http.GetAsync(url(Interlocked.Increment(ref next)));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{variant.Name}: a benchmarked request answered {(int)response.StatusCode}.");
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            return mine;
        }).ToList();
        foreach (var client in await Task.WhenAll(clients))
            samples.AddRange(client);
        // The audit trail writes in the background: what it still holds is written inside this variant's time, not
        // the next variant's.
        await server.FlushAuditAsync();
        return clock.Elapsed.TotalSeconds;
    }
}
