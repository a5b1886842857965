using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Imaging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Vision;

/// <summary>
/// <c>vision</c>: what an image costs the local runtime (decode, mtmd preprocessing, encoding and evaluating its
/// embeddings, beside the same question without the image) and what the KV cache saves on a follow-up question
/// about the same image (reused from the cache versus the whole conversation evaluated again, image included).
/// Progress goes to stderr, the Markdown report to stdout.
/// </summary>
internal sealed class VisionBenchmark(VisionBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly GenerationSettings Settings = new(4, 0.8f, 7, Grammar: null);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!VisionBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(VisionBenchOptions.Usage);
            return 2;
        }

        return await new VisionBenchmark(options).RunAsync();
    }

    public async Task<int> RunAsync()
    {
        string? temporary = null;
        var (model, projector) = (options.ModelPath, options.ProjectorPath);
        if (model is null)
        {
            temporary = Directory.CreateTempSubdirectory("clinicalagent-bench-vision-").FullName;
            model = Path.Combine(temporary, "tiny-gemma3.gguf");
            projector = Path.Combine(temporary, "tiny-gemma3-mmproj.gguf");
            TinyGemmaModel.Write(model);
            TinyGemmaProjector.Write(projector);
        }

        try
        {
            var report = await MeasureAsync(model, projector!);
            Console.Out.Write(report);
            if (options.OutputPath is not null)
                await File.WriteAllTextAsync(options.OutputPath, report);
            return 0;
        }
        finally
        {
            if (temporary is not null)
                Directory.Delete(temporary, recursive: true);
        }
    }

    private async Task<string> MeasureAsync(string modelPath, string projectorPath)
    {
        var modelOptions = new LocalModelOptions
        {
            ModelPath = modelPath,
            MmprojPath = projectorPath,
            ContextSize = 4096,
            Threads = options.EffectiveThreads,
            MaxConversations = 1,
        };
        using var model = new LocalModel(Options.Create(modelOptions));
        var formatter = new GemmaPromptFormatter();
        var rows = new List<Row>();
        for (var repeat = 0; repeat < options.Repeats + 1; repeat++)
        {
            Console.Error.WriteLine($"[vision] repeat {repeat + 1} of {options.Repeats + 1}{(repeat == 0 ? " (warm-up, not counted)" : "")}");
            var image = new DataContent(PngEncoding.Encode(Picture(repeat)), "image/png");
            var question = new ChatMessage(ChatRole.User, [new TextContent("What does this chest radiograph show?"), image]);
            List<ChatMessage> followUp = [question, new(ChatRole.Assistant, "A clear chest."), new(ChatRole.User, "Is the heart enlarged?")];

            await model.ClearCacheAsync();
            var textOnly = await RunAsync(model, formatter, [new ChatMessage(ChatRole.User, "What does this chest radiograph show?")]);
            await model.ClearCacheAsync();
            var withImage = await RunAsync(model, formatter, [question]);
            var cached = await RunAsync(model, formatter, followUp);
            await model.ClearCacheAsync();
            var uncached = await RunAsync(model, formatter, followUp);
            if (repeat > 0)
                rows.Add(new Row(textOnly, withImage, cached, uncached));
        }

        return Report(model, modelOptions, rows);
    }

    private static async Task<GenerationStats> RunAsync(LocalModel model, GemmaPromptFormatter formatter, IReadOnlyList<ChatMessage> messages)
    {
        var prompt = model.Tokenize(formatter.Render(messages));
        var stats = new GenerationStats();
        await foreach (var _ in model.GenerateAsync(prompt, Settings, stats, CancellationToken.None))
        {
        }

        return stats;
    }

    /// <summary>A different 512×512 gradient each repeat: a new image hash, so the first question always encodes.</summary>
    private static ImagePixels Picture(int seed)
    {
        const int size = 512;
        var rgb = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var i = (y * size + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte)((x + y + seed * 17) / 4);
            }

        return new ImagePixels(size, size, rgb);
    }

    private string Report(LocalModel model, LocalModelOptions modelOptions, List<Row> rows)
    {
        static double Ms(TimeSpan t) => t.TotalMilliseconds;
        var report = new StringBuilder();
        report.AppendLine(Inv, $"# Vision benchmark\n\nModel `{model.ModelId}` with projector `{Path.GetFileName(modelOptions.MmprojPath)}` " +
            $"({model.ImageTokens} tokens per image), {modelOptions.Threads} threads, {Environment.ProcessorCount} logical cores, " +
            $"median of {rows.Count} repeats, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.\n");
        report.AppendLine("| Case | Prompt tokens | Evaluated | Images encoded | Prompt ms | of which image ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        Line(report, "Question, no image", rows.Select(r => r.TextOnly).ToList());
        Line(report, "Same question with a 512×512 PNG", rows.Select(r => r.WithImage).ToList());
        Line(report, "Follow-up about the same image, cache kept", rows.Select(r => r.Cached).ToList());
        Line(report, "Follow-up, cache cleared (image encoded again)", rows.Select(r => r.Uncached).ToList());
        var overhead = Median(rows.Select(r => Ms(r.WithImage.PromptTime) - Ms(r.TextOnly.PromptTime)));
        var saving = Median(rows.Select(r => Ms(r.Uncached.PromptTime) - Ms(r.Cached.PromptTime)));
        report.AppendLine(Inv, $"\nOverhead of one image (prompt time with it minus without): **{overhead:F1} ms**, of which encoding and " +
            $"evaluating its embeddings {Median(rows.Select(r => Ms(r.WithImage.ImageTime))):F1} ms (the rest: the text tokens around it). " +
            $"KV reuse saves **{saving:F1} ms** on the follow-up " +
            $"({Median(rows.Select(r => (double)r.Cached.EvaluatedTokens)):F0} tokens evaluated instead of {Median(rows.Select(r => (double)r.Uncached.EvaluatedTokens)):F0}, no image encoded).");
        report.AppendLine("\nDecoding the PNG and mtmd's preprocessing happen while the prompt is tokenized, before `Prompt ms`; " +
            "a follow-up whose image is cached skips them too (its layout is remembered by content hash).");
        return report.ToString();
    }

    private static void Line(StringBuilder report, string name, IReadOnlyList<GenerationStats> stats) =>
        report.AppendLine(Inv, $"| {name} | {Median(stats.Select(s => (double)s.PromptTokens)):F0} | {Median(stats.Select(s => (double)s.EvaluatedTokens)):F0} | " +
            $"{Median(stats.Select(s => (double)s.EncodedImages)):F0} | {Median(stats.Select(s => s.PromptTime.TotalMilliseconds)):F1} | {Median(stats.Select(s => s.ImageTime.TotalMilliseconds)):F1} |");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Row(GenerationStats TextOnly, GenerationStats WithImage, GenerationStats Cached, GenerationStats Uncached);
}
