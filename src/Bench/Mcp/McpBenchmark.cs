using System.Diagnostics;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Mcp;
using ClinicalAgent.Tools;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static System.FormattableString;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Mcp;

/// <summary>
/// <c>mcp</c>: what MCP adds to one tool call. The same <c>get_observations</c> call (same patients, same arguments)
/// made directly on <see cref="ClinicalToolbox.CallAsync"/>, through the C# SDK client over streamable HTTP to the
/// product's <c>/mcp</c> on loopback (same container, so the same toolbox), and, given <c>--cli</c>, over stdio to a
/// <c>clinicalagent mcp</c> child process on a copy of the store; one call in flight, variants taking turns in rounds.
/// </summary>
internal static class McpBenchmark
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!McpBenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + McpBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-mcp-").FullName;
        try
        {
            var database = Path.Combine(folder, "store.db");
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = database });
            await Console.Error.WriteLineAsync($"Seeding {options.Patients} patients...");
            var resources = new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, Now)).Generate().ToList();
            await store.LoadAsync(resources);
            await store.SetSettingAsync(IDatasetClock.NowSetting, Now.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            var patients = resources.OfType<Patient>().Select(p => p.Id!).ToList();

            await using var web = await StartAsync(store);
            var toolbox = web.Services.GetRequiredService<ClinicalToolbox>();
            var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            await using var http = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri($"{address.TrimEnd('/')}{McpOptions.Path}"),
                TransportMode = HttpTransportMode.StreamableHttp,
            }));
            await using var stdio = options.Cli is null ? null : await StartStdioAsync(options.Cli, database, folder);

            // get_patient: one read, so the tool's own cost hides the least of what the transport adds.
            var next = 0;
            Dictionary<string, object?> Arguments() => new() { ["patient_id"] = patients[next++ % patients.Count] };
            var variants = new List<McpVariant>
            {
                new("direct ClinicalToolbox.CallAsync", ct => toolbox.CallAsync("get_patient", Arguments(), ct)),
                new("MCP streamable HTTP (C# SDK client, loopback)", async ct => Text(await http.CallToolAsync("get_patient", Arguments(), cancellationToken: ct))),
            };
            if (stdio is not null)
                variants.Add(new("MCP stdio (child process clinicalagent mcp)", async ct => Text(await stdio.CallToolAsync("get_patient", Arguments(), cancellationToken: ct))));

            // The same text on every path: the overhead measured is transport, not a different answer.
            var expected = await variants[0].CallAsync(CancellationToken.None);
            foreach (var variant in variants.Skip(1))
            {
                next = 0;
                if (await variant.CallAsync(CancellationToken.None) is var answer && answer != expected)
                    throw new InvalidOperationException($"{variant.Name} answered differently from the direct call:\n{answer}\n{expected}");
            }

            var samples = variants.Select(_ => new List<double>()).ToArray();
            await MeasureAsync(variants, Math.Min(200, options.Calls), variants.Select(_ => new List<double>()).ToArray()); // warm-up
            for (var round = 0; round < options.Rounds; round++)
                await MeasureAsync(variants, options.Calls / options.Rounds, samples);

            Print(options, variants, samples);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The product's registrations over the benchmark's store: AddClinicalTools, AddMcpServer, MapMcpServer (no authorization, no audit).
    private static async Task<WebApplication> StartAsync(IEmbeddedFhirStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IFhirGateway>(store);
        if (store is IDatasetClock dataset)
            builder.Services.AddSingleton(dataset);
        builder.Services.AddClinicalTools();
        builder.Services.AddMcpServer(new ConfigurationBuilder().Build());
        var web = builder.Build();
        web.MapMcpServer();
        await web.StartAsync();
        return web;
    }

    private static async Task<McpClient> StartStdioAsync(string cli, string database, string folder)
    {
        // Its own copy, so the child's store and audit trail never contend with the in-process one.
        var copy = Path.Combine(folder, "stdio.db");
        // The write-ahead log too: what was written last (the clinical "now" setting) may not be in the main file yet.
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(database + suffix))
                File.Copy(database + suffix, copy + suffix);
        }

        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [cli, "mcp", "--db", copy],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["CLINICALAGENT_CONFIG"] = Path.Combine(folder, "config"),
                ["CLINICALAGENT_MODELS"] = Path.Combine(folder, "models"),
                ["CLINICALAGENT_Audit__Enabled"] = "false",
            },
        }));
    }

    // Call by call the variants take turns, so a busy moment of the machine falls on all of them alike.
    private static async Task MeasureAsync(List<McpVariant> variants, int calls, List<double>[] samples)
    {
        for (var i = 0; i < calls; i++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                var started = Stopwatch.GetTimestamp();
                await variants[v].CallAsync(CancellationToken.None);
                samples[v].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private static string Text(CallToolResult result) =>
        result.IsError == true ? throw new InvalidOperationException("a benchmarked call failed") : ((TextContentBlock)result.Content[0]).Text;

    private static void Print(McpBenchOptions options, List<McpVariant> variants, List<double>[] samples)
    {
        var machine = MachineFacts.Current();
        Console.WriteLine($"# MCP overhead per tools/call\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}\n");
        Console.WriteLine(Invariant($"get_patient(patient_id) over {options.Patients} synthetic patients; {options.Calls} calls per variant in {options.Rounds} rounds, one in flight, the variants taking turns call by call.\n"));
        Console.WriteLine("| Path | calls | mean µs | p50 µs | p99 µs | mean vs direct | added µs per call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var baseline = LatencyStats.Of(samples[0]);
        for (var v = 0; v < variants.Count; v++)
        {
            var stats = LatencyStats.Of(samples[v]);
            Console.WriteLine(Invariant($"| {variants[v].Name} | {stats.Count} | {stats.Mean * 1000:0} | {stats.P50 * 1000:0} | {stats.P99 * 1000:0} | {stats.Mean / baseline.Mean:0.00}× | {(stats.Mean - baseline.Mean) * 1000:0} |"));
        }
    }
}
