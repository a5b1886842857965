using System.Diagnostics;
using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Bench.Agent;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Telemetry;
using ClinicalAgent.Tools;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Bench.Telemetry;

/// <summary>
/// <c>telemetry [turns]</c>: what OpenTelemetry costs an agent turn (three tool calls over the embedded store, a model
/// that answers at once, so the turn is the loop's, the tools' and the store's time), side by side: off (the default,
/// nothing registered), on with every span recorded and handed to an exporter, and on with sampling at 0. Each mode
/// gets its own provider and store; rounds alternate the modes and the median round is reported.
/// </summary>
public static class TelemetryBenchmark
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var turns = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 200;
        var records = new SyntheticPatientGenerator(new SyntheticOptions(3, 5, new DateTimeOffset(2024, 3, 4, 9, 0, 0, TimeSpan.Zero), Images: false)).Generate().ToList();
        var patient = records.OfType<Patient>().First().Id;
        var calls = new List<ToolCall>
        {
            new("get_patient", new() { ["patient_id"] = patient }),
            new("get_observations", new() { ["patient_id"] = patient, ["code"] = "potassium" }),
            new("get_conditions", new() { ["patient_id"] = patient }),
        };

        var modes = new (string Name, Dictionary<string, string?> Settings)[]
        {
            ("off (default)", new()),
            ("on, all spans exported", new() { ["OpenTelemetry:Enabled"] = "true" }),
            ("on, sampling 0", new() { ["OpenTelemetry:Enabled"] = "true", ["OpenTelemetry:SamplingRatio"] = "0" }),
        };
        var perTurn = modes.Select(_ => new List<double>()).ToArray();
        var spans = new long[modes.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                var (microseconds, exported) = await MeasureAsync(modes[m].Settings, records, calls, turns).ConfigureAwait(false);
                perTurn[m].Add(microseconds);
                spans[m] = exported;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Agent turn of {calls.Count} tool calls over the embedded store, {turns} turns per mode, median of {Rounds} rounds"));
        var baseline = Median(perTurn[0]);
        for (var m = 0; m < modes.Length; m++)
        {
            var median = Median(perTurn[m]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {modes[m].Name,-24} {median,9:F1} µs/turn  x{median / baseline:F3}  {spans[m] / (double)turns,5:F1} spans/turn exported"));
        }

        return 0;
    }

    private static async Task<(double MicrosecondsPerTurn, long Spans)> MeasureAsync(
        Dictionary<string, string?> settings, IReadOnlyList<Resource> records, IReadOnlyList<ToolCall> calls, int turns)
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-otel-").FullName;
        settings = new Dictionary<string, string?>(settings) { ["Fhir:Database"] = Path.Combine(folder, "store.db") };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var exporter = new CountingExporter();
        var services = new ServiceCollection().AddLogging();
        services.AddClinicalAgentTelemetry(configuration);
        if (configuration["OpenTelemetry:Enabled"] == "true")
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new OpenTelemetry.SimpleActivityExportProcessor(exporter)));
        services.AddFhir(configuration).AddClinicalTools(configuration);
        services.AddChatClient(new InstantChatClient(calls)).UseChatModelTelemetry();
        services.AddClinicalAgentRunner();
        try
        {
            await using var provider = services.BuildServiceProvider();
            provider.GetService<TracerProvider>();
            provider.GetService<OpenTelemetry.Metrics.MeterProvider>();
            await provider.GetRequiredService<IEmbeddedFhirStore>().LoadAsync(records).ConfigureAwait(false);
            var runner = provider.GetRequiredService<ClinicalAgentRunner>();
            var tools = provider.GetRequiredService<ClinicalToolbox>().Functions;
            for (var i = 0; i < 20; i++)
                await runner.AskAsync("Potassium?", tools).ConfigureAwait(false);
            exporter.Count = 0;

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < turns; i++)
                await runner.AskAsync("Potassium?", tools).ConfigureAwait(false);
            watch.Stop();
            return (watch.Elapsed.TotalMicroseconds / turns, exporter.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
