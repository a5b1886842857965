using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Tools;
using ClinicalAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Bench.Web;

/// <summary>
/// <c>bench web</c>: the same question, model and tools answered directly in-process (<see cref="AgentConversation"/>
/// with an observer) and through the web app's Server-Sent Events endpoint (<c>POST /app/api/chat</c> on loopback,
/// as a browser calls it), alternately; time to the first answer token and to the whole answer, and their ratio.
/// </summary>
internal static class WebBenchmark
{
    private const string Question = "What was the latest potassium?";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!WebBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(WebBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-web-").FullName;
        try
        {
            var db = Path.Combine(folder, "store.db");
            string patientId;
            using (var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = db }))
            {
                Console.Error.WriteLine($"Seeding {options.Patients} patients...");
                await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 42, DateTimeOffset.UtcNow)).Generate());
                patientId = (await store.SearchAsync("Patient", SearchQuery.Parse("_count=1"))).Entry[0].Resource?.Id ?? throw new InvalidOperationException("The seeded store holds no patient.");
            }

            await using var app = await StartAsync(folder, db, new PacedChatClient(patientId, options.Words, TimeSpan.FromMilliseconds(options.WordDelayMs)));
            var baseUrl = app.Urls.First();
            var direct = new List<(double First, double Full)>();
            var web = new List<(double First, double Full)>();
            Console.Error.WriteLine($"Timing {options.Runs} questions each way (plus one warm-up)...");
            for (var run = -1; run < options.Runs; run++)
            {
                var d = await DirectAsync(app.Services, patientId);
                var w = await WebAsync(baseUrl, patientId);
                if (run < 0)
                    continue; // the first pair warms JIT, the store's caches and Kestrel
                direct.Add(d);
                web.Add(w);
            }

            var report = Report(options, direct, web);
            Console.Out.Write(report);
            if (options.OutputPath is not null)
                await File.WriteAllTextAsync(options.OutputPath, report);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    // serve's composition for the chat: the records, the tools, the agent loop, the web app; authorization off (the local user).
    private static async Task<WebApplication> StartAsync(string folder, string db, IChatClient model)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fhir:Database"] = db,
            ["Audit:Database"] = Path.Combine(folder, "audit.db"),
            ["Auth:Enabled"] = "false",
            ["Auth:Server:Folder"] = Path.Combine(folder, "auth"),
        });
        builder.Services.AddSingleton(model);
        builder.Services.AddFhir(builder.Configuration);
        builder.Services.AddClinicalTools(builder.Configuration);
        builder.Services.AddClinicalAgentRunner();
        builder.Services.AddSingleton(sp => new ClinicalToolset(sp.GetRequiredService<ClinicalToolbox>().Functions));
        builder.Services.AddSmartResourceServer(builder.Configuration);
        builder.Services.AddWebApp(builder.Configuration);
        var app = builder.Build();
        app.MapWebApp();
        await app.StartAsync();
        return app;
    }

    private static async Task<(double First, double Full)> DirectAsync(IServiceProvider services, string patientId)
    {
        var conversation = services.GetRequiredService<ClinicalAgentRunner>().StartConversation(
            services.GetRequiredService<ClinicalToolset>().Functions, new AgentRunOptions { PatientId = patientId });
        var clock = Stopwatch.StartNew();
        double? first = null;
        var answer = await conversation.AskAsync(Question, new AgentTurnObserver { AnswerText = _ => first ??= clock.Elapsed.TotalMilliseconds });
        var full = clock.Elapsed.TotalMilliseconds;
        return answer.StoppedReason == AgentStoppedReason.Answered ? (first ?? full, full) : throw new InvalidOperationException($"direct: {answer.StoppedReason}");
    }

    // A new client each time: a new cookie, so a new session and a new conversation, as the direct path starts one.
    private static async Task<(double First, double Full)> WebAsync(string baseUrl, string patientId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/app/api/chat")
        {
            Content = new StringContent($$"""{"patientId":"{{patientId}}","question":"{{Question}}"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: token")
                first ??= clock.Elapsed.TotalMilliseconds;
            else if (line == "event: done")
                return (first ?? clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
            else if (line == "event: error")
                throw new InvalidOperationException("web: the turn failed");
        }

        throw new InvalidOperationException("web: the stream ended without an answer");
    }

    private static string Report(WebBenchOptions options, List<(double First, double Full)> direct, List<(double First, double Full)> web)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        static double P90(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.9 * sorted.Count) - 1)];
        }

        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Web app benchmark: question to first token and to full answer ({options.Runs} runs each, alternating)");
        text.AppendLine();
        text.AppendLine(Inv, $"Model stand-in: one get_observations step, then {options.Words} words streamed {options.WordDelayMs} ms apart. Web: POST /app/api/chat (SSE) on loopback with a new session per question.");
        text.AppendLine();
        text.AppendLine("| Measure | Direct (in-process) median | Web (SSE) median | Ratio web/direct | Direct p90 | Web p90 | Web − direct (median) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, pick) in new (string, Func<(double First, double Full), double>)[] { ("First token", r => r.First), ("Full answer", r => r.Full) })
        {
            var d = Median(direct.Select(pick));
            var w = Median(web.Select(pick));
            text.AppendLine(Inv, $"| {name} | {d:0.0} ms | {w:0.0} ms | {w / d:0.000} | {P90(direct.Select(pick)):0.0} ms | {P90(web.Select(pick)):0.0} ms | {w - d:0.0} ms |");
        }

        return text.ToString();
    }
}
