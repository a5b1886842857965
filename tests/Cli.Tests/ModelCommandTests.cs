using ClinicalAgent.Agent.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Cli.Tests;

// Tests here read or set the model cache variable of the process, so they never run side by side.
[Collection(EnvironmentCollection.Name)]
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-model-").FullName;

    [Fact]
    public async Task TinyThenInfo_WrittenModel_PrintsSizeAndSummary()
    {
        var path = Path.Combine(_folder, "models", "tiny.gguf");

        var tiny = await CliRun.RunAsync("model", "tiny", "--out", path);
        var info = await CliRun.RunAsync("model", "info", path);

        Assert.Equal(0, tiny.ExitCode);
        Assert.Contains($"{new FileInfo(path).Length:N0} bytes", tiny.Output);
        Assert.Equal(0, info.ExitCode);
        var lines = info.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Architecture      gemma3", lines);
        Assert.Contains("Quantization      F16", lines);
        Assert.Contains("Context length    2,048", lines);
        Assert.Contains("Chat template     yes", lines);
        Assert.Single(info.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ValueColumn).Distinct());
    }

    [Fact]
    [Trait("Model", "Tiny")]
    public async Task Run_TinyModel_StreamsAReplyAndCountsTokens()
    {
        var path = Path.Combine(_folder, "tiny.gguf");
        await CliRun.RunAsync("model", "tiny", "--out", path);

        var run = await CliRun.RunAsync("model", "run", "What is the latest potassium?", "--model", path, "--threads", "1", "--context", "1024", "--max-tokens", "12", "--seed", "3");
        var missing = await CliRun.RunAsync("model", "run", "hi", "--model", Path.Combine(_folder, "absent.gguf"));

        Assert.Equal(0, run.ExitCode);
        var counts = System.Text.RegularExpressions.Regex.Match(run.Error, @"(\d+) prompt tokens, (\d+) generated");
        Assert.True(counts.Success, run.Error);
        Assert.True(int.Parse(counts.Groups[1].Value) > 5);
        Assert.InRange(int.Parse(counts.Groups[2].Value), 0, 12); // a random model may end its reply at once
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("absent.gguf", missing.Error);
    }

    [Fact]
    [Trait("Model", "Tiny")]
    public async Task Run_NoModelGivenButDefaultPulled_UsesTheCachedDefault()
    {
        var cache = Path.Combine(_folder, "cache");
        Directory.CreateDirectory(cache);
        TinyGemmaModel.Write(Path.Combine(cache, ModelCatalog.Resolve(null).Model.FileName));
        var previous = Environment.GetEnvironmentVariable(ModelDownloadOptions.CacheVariable);
        Environment.SetEnvironmentVariable(ModelDownloadOptions.CacheVariable, cache);
        try
        {
            var run = await CliRun.RunAsync("model", "run", "hi", "--threads", "1", "--context", "512", "--max-tokens", "4");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains(ModelCatalog.Resolve(null).Model.FileName, run.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelDownloadOptions.CacheVariable, previous);
        }
    }

    [Fact]
    public async Task TinyWithMmprojThenInfo_Projector_PrintsItsClipKeys()
    {
        var model = Path.Combine(_folder, "tiny.gguf");
        var projector = Path.Combine(_folder, "vision", "tiny-mmproj.gguf");

        var tiny = await CliRun.RunAsync("model", "tiny", "--out", model, "--mmproj", projector);
        var info = await CliRun.RunAsync("model", "info", projector);

        Assert.Equal(0, tiny.ExitCode);
        Assert.Contains($"{new FileInfo(projector).Length:N0} bytes), {TinyGemmaProjector.ImageTokens} tokens per image", tiny.Output);
        Assert.Equal(0, info.ExitCode);
        var lines = info.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Architecture clip (multimodal projector)", lines);
        Assert.Contains("clip.projector_type gemma3", lines);
        Assert.Contains("clip.vision.image_size 64", lines);
        Assert.Contains("clip.vision.projection_dim 64", lines);
        Assert.Contains("clip.vision.image_mean [0.5, 0.5, 0.5]", lines);
    }

    [Fact]
    public void AddSources_DefaultModelAndProjectorPulled_DefaultsBothPaths()
    {
        var cache = Path.Combine(_folder, "pulled");
        Directory.CreateDirectory(cache);
        var entry = ModelCatalog.Resolve(null);
        TinyGemmaModel.Write(Path.Combine(cache, entry.Model.FileName));
        TinyGemmaProjector.Write(Path.Combine(cache, entry.Projector!.FileName));
        var previous = Environment.GetEnvironmentVariable(ModelDownloadOptions.CacheVariable);
        Environment.SetEnvironmentVariable(ModelDownloadOptions.CacheVariable, cache);
        try
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();

            ClinicalAgent.Cli.Hosting.ApplicationConfiguration.AddSources(configuration, []);

            Assert.Equal(Path.Combine(cache, entry.Model.FileName), configuration["Model:ModelPath"]);
            Assert.Equal(Path.Combine(cache, entry.Projector.FileName), configuration["Model:MmprojPath"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelDownloadOptions.CacheVariable, previous);
        }
    }

    [Fact]
    public async Task Info_TextFile_FailsWithExitCode1NamingTheFile()
    {
        var path = Path.Combine(_folder, "readme.txt");
        await File.WriteAllTextAsync(path, "not a model");

        var run = await CliRun.RunAsync("model", "info", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a GGUF file", run.Error);
        Assert.Contains(path, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Info_MissingFile_FailsWithExitCode1()
    {
        var run = await CliRun.RunAsync("model", "info", Path.Combine(_folder, "absent.gguf"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No model file", run.Error);
    }

    [Fact]
    public async Task Pull_NameBarUrlFromLoopback_DownloadsIntoCacheAndPrintsPath()
    {
        var source = Path.Combine(_folder, "source.gguf");
        TinyGemmaModel.Write(source, seed: 3);
        var bytes = await File.ReadAllBytesAsync(source);
        await using var server = await ServeAsync(bytes);
        var cache = Path.Combine(_folder, "cache");

        var run = await CliRun.RunAsync("model", "pull", $"tiny|{server.Urls.First()}/tiny-Q.gguf", "--cache", cache);

        Assert.Equal(0, run.ExitCode);
        var path = Path.Combine(cache, "tiny-Q.gguf");
        Assert.Equal(path, run.Output.Trim());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Contains("tiny: gemma3", run.Error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static int ValueColumn(string line)
    {
        var gap = line.IndexOf("  ", StringComparison.Ordinal);
        return gap + line[gap..].TakeWhile(c => c == ' ').Count();
    }

    private static async Task<WebApplication> ServeAsync(byte[] bytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{name}", () => Results.Bytes(bytes, "application/octet-stream"));
        await app.StartAsync();
        return app;
    }
}
