using System.Globalization;
using System.Text;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Tools;

namespace ClinicalAgent.Bench.Agent;

/// <summary>
/// <c>agent</c>: tokens of each tool's result versus the raw FHIR JSON of the same resources, and the agent loop's
/// own time per step with the model taken out. Progress goes to stderr, the Markdown report to stdout.
/// </summary>
internal static class AgentBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!AgentBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(AgentBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-agent-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            var now = new DateTimeOffset(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);
            Console.Error.WriteLine($"Seeding {options.Patients} patients (seed {options.Seed})...");
            await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, options.Seed, now)).Generate());
            using var scope = new ToolScope(store, o => o.Now = now);
            var tools = scope.Toolbox;
            using var counter = TokenCounter.Create(options.ModelPath);

            Console.Error.WriteLine($"Counting tokens with {counter.Name}...");
            var rows = await ToolTokenComparison.RunAsync(store, tools, counter, CancellationToken.None);
            Console.Error.WriteLine($"Timing {options.Turns} turns of {options.StepsPerTurn} tool steps...");
            var overhead = await LoopOverheadMeasurer.RunAsync(store, tools.Functions, options.Turns, options.StepsPerTurn, CancellationToken.None);

            var report = Report(options, counter.Name, rows, overhead);
            Console.Out.Write(report);
            if (options.OutputPath is not null)
                await File.WriteAllTextAsync(options.OutputPath, report);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Report(AgentBenchOptions options, string tokenizer, IReadOnlyList<ToolTokenRow> rows, LoopOverhead overhead)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Agent benchmark ({options.Patients} synthetic patients, seed {options.Seed})");
        text.AppendLine();
        text.AppendLine(Inv, $"## Tool results versus raw FHIR JSON of the same resources (tokens by {tokenizer})");
        text.AppendLine();
        text.AppendLine("| Tool call | Calls | Result tokens (mean) | Raw FHIR tokens (mean) | Raw / result |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
            text.AppendLine(Inv, $"| {row.Label} | {row.Calls} | {row.ResultTokens / (double)row.Calls:F0} | {row.RawTokens / (double)row.Calls:F0} | {row.Ratio:F1}× |");
        var result = rows.Sum(r => r.ResultTokens);
        var raw = rows.Sum(r => r.RawTokens);
        text.AppendLine(Inv, $"| **all** | {rows.Sum(r => r.Calls)} | {result / (double)rows.Sum(r => r.Calls):F0} | {raw / (double)rows.Sum(r => r.Calls):F0} | **{(double)raw / result:F1}×** |");
        text.AppendLine();
        text.AppendLine("Raw = a compact searchset Bundle of exactly the resources the result names (counts and summaries that name none add nothing).");
        text.AppendLine();
        text.AppendLine(Inv, $"## Agent loop overhead per step, model excluded ({overhead.Turns} turns × {overhead.StepsPerTurn} model steps, instant model, real tools and store)");
        text.AppendLine();
        text.AppendLine(Inv, $"- loop's own time per step: p50 {overhead.LoopMsPerStep:F3} ms, p95 {overhead.LoopP95MsPerStep:F3} ms");
        text.AppendLine(Inv, $"- tool call (SK function + FHIR search + formatting): p50 {overhead.ToolMsPerCall:F2} ms");
        text.AppendLine(Inv, $"- instant model call at the client boundary: p50 {overhead.ModelMsPerStep:F3} ms");
        return text.ToString();
    }
}
