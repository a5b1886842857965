using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.ModelApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.ModelApi;

/// <summary>
/// <c>modelapi</c>: the cost of /v1/chat/completions over loopback HTTP against calling the same <see cref="IChatClient"/>
/// directly, on the same request (same messages, seed, token budget) and model: direct, HTTP non-streaming, HTTP
/// streaming (SSE), taking turns call by call so drift hits all three alike. Markdown to stdout, progress to stderr.
/// </summary>
internal static class ModelApiBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!ModelApiBenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + ModelApiBenchOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-modelapi-").FullName;
        try
        {
            var path = options.ModelPath ?? Path.Combine(folder, "tiny-gemma3.gguf");
            if (options.ModelPath is null)
                TinyGemmaModel.Write(path);
            Console.Out.Write(await MeasureAsync(path, options));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(string path, ModelApiBenchOptions options)
    {
        var modelOptions = new LocalModelOptions { ModelPath = path, ContextSize = 2048, Threads = options.Threads, MaxConversations = 2 };
        using var model = new LocalModel(Options.Create(modelOptions));
        using var client = new LocalChatClient(model, new GemmaPromptFormatter());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IChatClient>(client);
        builder.Services.AddSingleton(Options.Create(modelOptions));
        builder.Services.AddModelApi(builder.Configuration);
        await using var app = builder.Build();
        app.MapModelApi();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/v1/") };

        var messages = new[] { new ChatMessage(ChatRole.System, "You are a clinical assistant."), new ChatMessage(ChatRole.User, "What is the latest potassium?") };
        var chatOptions = new ChatOptions { Seed = 3, MaxOutputTokens = options.Tokens, Temperature = 0.7f };
        var body = new JsonObject
        {
            ["model"] = model.ModelId,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are a clinical assistant." },
                new JsonObject { ["role"] = "user", ["content"] = "What is the latest potassium?" }),
            ["seed"] = 3, ["max_tokens"] = options.Tokens, ["temperature"] = 0.7,
        };
        var streamBody = body.DeepClone().AsObject();
        streamBody["stream"] = true;

        var variants = new (string Name, Func<Task<long>> Call)[]
        {
            ("direct IChatClient", async () => (await client.GetResponseAsync(messages, chatOptions)).Usage?.OutputTokenCount ?? 0),
            ("HTTP /v1 (JSON)", async () =>
            {
                using var response = await http.PostAsJsonAsync("chat/completions", body);
                var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                return (long?)reply["usage"]?["completion_tokens"] ?? throw new InvalidOperationException(reply.ToJsonString());
            }),
            ("HTTP /v1 (SSE stream)", async () =>
            {
                using var response = await http.PostAsJsonAsync("chat/completions", streamBody);
                var text = await response.Content.ReadAsStringAsync();
                return text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) ? options.Tokens : throw new InvalidOperationException(text);
            }),
        };

        foreach (var variant in variants)
            await variant.Call(); // warm-up: JIT, the first prompt's evaluation, connection set-up

        var times = variants.Select(_ => new List<double>()).ToArray();
        var tokens = new long[variants.Length];
        for (var i = 0; i < options.Calls; i++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var clock = Stopwatch.StartNew();
                tokens[v] += await variants[v].Call();
                times[v].Add(clock.Elapsed.TotalMilliseconds);
            }

            if ((i + 1) % 10 == 0)
                await Console.Error.WriteLineAsync($"  {i + 1}/{options.Calls} rounds");
        }

        await app.StopAsync();
        var report = new StringBuilder();
        report.AppendLine(Inv, $"# /v1 overhead benchmark\n\nModel `{model.ModelId}`, {options.Threads} thread(s), {options.Calls} calls per variant taking turns, " +
            $"max {options.Tokens} tokens, seed 3, {Environment.ProcessorCount} logical cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.\n");
        report.AppendLine("| variant | mean ms/call | p50 ms | p95 ms | ratio to direct (mean) | overhead ms/call |");
        report.AppendLine("|---|---|---|---|---|---|");
        var baseline = times[0].Average();
        for (var v = 0; v < variants.Length; v++)
        {
            var sorted = times[v].Order().ToList();
            var mean = sorted.Average();
            report.AppendLine(Inv, $"| {variants[v].Name} | {mean:F2} | {Percentile(sorted, 0.5):F2} | {Percentile(sorted, 0.95):F2} | {mean / baseline:F2} | {(v == 0 ? 0 : mean - baseline):F2} |");
        }

        return report.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
