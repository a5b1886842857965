using System.CommandLine;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.Configuration;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// The local-model options shared by the commands that load a model (<c>model run</c>, <c>ask</c>): the
/// <c>Model</c> section of the configuration (environment variables <c>CLINICALAGENT_Model__ContextSize</c> and
/// so on), overridden by what the command line gives.
/// </summary>
public sealed class ModelOptionSet
{
    private readonly Option<string?> _model = new("--model") { Description = "The GGUF model file (default: Model:ModelPath from the configuration)." };
    private readonly Option<string?> _mmproj = new("--mmproj") { Description = "Its multimodal projector (checked to belong to the model)." };
    private readonly Option<int?> _contextSize = new("--context") { Description = "Context window in tokens." };
    private readonly Option<int?> _threads = new("--threads") { Description = "CPU threads." };
    private readonly Option<int?> _gpuLayers = new("--gpu-layers") { Description = "Layers offloaded to a GPU (needs a GPU build of llama.cpp)." };
    private readonly Option<int?> _batch = new("--batch") { Description = "Tokens per decode call." };
    private readonly Option<float?> _temperature = new("--temperature") { Description = "Sampling temperature." };
    private readonly Option<uint?> _seed = new("--seed") { Description = "Sampling seed." };
    private readonly Option<int?> _maxTokens = new("--max-tokens") { Description = "Most tokens to generate." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _mmproj, _contextSize, _threads, _gpuLayers, _batch, _temperature, _seed, _maxTokens })
            command.Options.Add(option);
    }

    /// <summary>The model options from the configuration and the command line.</summary>
    /// <exception cref="ArgumentException">No model path was given, with how to get a model.</exception>
    public LocalModelOptions Read(ParseResult parse)
    {
        var options = new LocalModelOptions();
        new ConfigurationBuilder().AddEnvironmentVariables("CLINICALAGENT_").Build().GetSection(LocalModelOptions.SectionName).Bind(options);
        options.ModelPath = parse.GetValue(_model) ?? options.ModelPath;
        options.MmprojPath = parse.GetValue(_mmproj) ?? options.MmprojPath;
        options.ContextSize = parse.GetValue(_contextSize) ?? options.ContextSize;
        options.Threads = parse.GetValue(_threads) ?? options.Threads;
        options.GpuLayerCount = parse.GetValue(_gpuLayers) ?? options.GpuLayerCount;
        options.BatchSize = parse.GetValue(_batch) ?? options.BatchSize;
        options.Temperature = parse.GetValue(_temperature) ?? options.Temperature;
        options.Seed = parse.GetValue(_seed) ?? options.Seed;
        options.MaxOutputTokens = parse.GetValue(_maxTokens) ?? options.MaxOutputTokens;
        if (string.IsNullOrEmpty(options.ModelPath))
        {
            options.ModelPath = PulledDefaultModel() ?? "";
        }

        if (string.IsNullOrEmpty(options.ModelPath))
        {
            throw new ArgumentException("No model: run 'clinicalagent model pull' once to download MedGemma 4B (the default), or pass --model PATH / set CLINICALAGENT_Model__ModelPath. 'clinicalagent model tiny' writes a small test model.");
        }

        return options;
    }

    // The default model once 'model pull' has put it in the cache: MedGemma 4B, text only (the projector is for vision).
    private static string? PulledDefaultModel()
    {
        var path = Path.Combine(new ModelDownloadOptions().CacheDirectory, ModelCatalog.Resolve(null).Model.FileName);
        return File.Exists(path) ? path : null;
    }
}
