using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using static System.FormattableString;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.CdsHooks;

/// <summary>
/// <c>cds-hooks</c>: latency (p50, p95) of <c>patient-view</c> calls of the hypokalemia service (no model step) over
/// HTTP, each with a fresh EHR JWT checked, the patients taking turns: with the potassium prefetched, and with no
/// prefetch so the service reads it from the served <c>/fhir</c> with the call's bearer token; side by side, in rounds.
/// </summary>
internal static class CdsHooksBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!CdsHooksBenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + CdsHooksBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-cds-").FullName;
        try
        {
            var database = Path.Combine(folder, "store.db");
            List<string> patients;
            using (var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = database }))
            {
                await Console.Error.WriteLineAsync($"Seeding {options.Patients} patients...");
                var resources = new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, Now)).Generate().ToList();
                await store.LoadAsync(resources);
                patients = [.. resources.OfType<Patient>().Select(p => p.Id!)];
            }

            await using var host = await CdsBenchHost.StartAsync(folder, database);
            using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
            var fhirToken = CdsBenchHost.FhirToken();
            var prefetches = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var patient in patients)
                prefetches[patient] = await GetAsync(http, $"/fhir/Observation?patient={patient}&code={Uri.EscapeDataString("http://loinc.org|2823-3,http://loinc.org|6298-4")}&_sort=-date&_count=1", fhirToken);

            var variants = new (string Name, Func<string, JsonObject> Body)[]
            {
                ("prefetch given", patient => Body(patient, new JsonObject { ["potassium"] = prefetches[patient].DeepClone() }, null, null)),
                ("no prefetch: read from fhirServer", patient => Body(patient, null, $"{host.BaseUrl}/fhir", fhirToken)),
            };
            var samples = variants.Select(_ => new List<double>()).ToArray();
            var cards = new int[variants.Length];
            for (var v = 0; v < variants.Length; v++)
                await CallAsync(http, variants[v].Body, patients, Math.Max(1, options.Calls / 10), [], new int[1], 0); // warm-up
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var v = 0; v < variants.Length; v++)
                    await CallAsync(http, variants[v].Body, patients, options.Calls / options.Rounds, samples[v], cards, v);
            }

            var machine = MachineFacts.Current();
            Console.WriteLine($"# CDS Hooks benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}\n");
            Console.WriteLine(Invariant($"hypokalemia service on patient-view over HTTP (loopback), EHR JWT checked on every call; {options.Patients} synthetic patients taking turns; {options.Calls} calls per variant in {options.Rounds} rounds, one at a time.\n"));
            Console.WriteLine("| Variant | calls | with a card | p50 ms | p95 ms | p99 ms | p50 vs prefetch |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            var baseline = LatencyStats.Of(samples[0]).P50;
            for (var v = 0; v < variants.Length; v++)
            {
                var stats = LatencyStats.Of(samples[v]);
                Console.WriteLine(Invariant($"| {variants[v].Name} | {stats.Count} | {cards[v]} | {stats.P50:0.00} | {stats.P95:0.00} | {stats.P99:0.00} | {stats.P50 / baseline:0.00}× |"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // One call at a time, as an EHR opening charts; the JWT is signed before the clock starts (the EHR's cost, not ours).
    private static async Task CallAsync(HttpClient http, Func<string, JsonObject> body, List<string> patients, int calls, List<double> samples, int[] cards, int variant)
    {
        for (var i = 0; i < calls; i++)
        {
            var patient = patients[(samples.Count + i) % patients.Count];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/hypokalemia")
            {
                Content = new StringContent(body(patient).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CdsBenchHost.EhrToken($"{http.BaseAddress!.AbsoluteUri.TrimEnd('/')}/cds-services/hypokalemia"));
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"A benchmarked call answered {(int)response.StatusCode}: {text}");
            samples.Add(elapsed);
            if (JsonNode.Parse(text)!["cards"]!.AsArray().Count > 0)
                cards[variant]++;
        }
    }

    private static JsonObject Body(string patient, JsonObject? prefetch, string? fhirServer, string? token)
    {
        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString("D"),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/bench", ["patientId"] = patient },
        };
        if (prefetch is not null)
            body["prefetch"] = prefetch;
        if (fhirServer is not null)
        {
            body["fhirServer"] = fhirServer;
            body["fhirAuthorization"] = new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "system/*.rs", ["subject"] = "cds" };
        }

        return body;
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
