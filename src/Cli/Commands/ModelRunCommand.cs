using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>model run</c>: one prompt through the local runtime, to try a model and its settings. Settings come from the
/// <c>Model</c> section of the configuration (environment variables <c>CLINICALAGENT_Model__ContextSize</c> and so
/// on), and the options given here override them.
/// </summary>
public static class ModelRunCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "The GGUF model file (default: Model:ModelPath from the configuration)." };
        var mmproj = new Option<string?>("--mmproj") { Description = "Its multimodal projector (checked to belong to the model)." };
        var prompt = new Argument<string>("prompt") { Description = "What to ask the model." };
        var contextSize = new Option<int?>("--context") { Description = "Context window in tokens." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads." };
        var gpuLayers = new Option<int?>("--gpu-layers") { Description = "Layers offloaded to a GPU (needs a GPU build of llama.cpp)." };
        var batch = new Option<int?>("--batch") { Description = "Tokens per decode call." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature." };
        var seed = new Option<uint?>("--seed") { Description = "Sampling seed." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens to generate." };
        var command = new Command("run", "Answer one prompt with a local GGUF model (streamed), then print token counts and speed.")
        {
            prompt, model, mmproj, contextSize, threads, gpuLayers, batch, temperature, seed, maxTokens,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var options = new LocalModelOptions();
            new ConfigurationBuilder().AddEnvironmentVariables("CLINICALAGENT_").Build().GetSection(LocalModelOptions.SectionName).Bind(options);
            options.ModelPath = parse.GetValue(model) ?? options.ModelPath;
            options.MmprojPath = parse.GetValue(mmproj) ?? options.MmprojPath;
            options.ContextSize = parse.GetValue(contextSize) ?? options.ContextSize;
            options.Threads = parse.GetValue(threads) ?? options.Threads;
            options.GpuLayerCount = parse.GetValue(gpuLayers) ?? options.GpuLayerCount;
            options.BatchSize = parse.GetValue(batch) ?? options.BatchSize;
            options.Temperature = parse.GetValue(temperature) ?? options.Temperature;
            options.Seed = parse.GetValue(seed) ?? options.Seed;
            options.MaxOutputTokens = parse.GetValue(maxTokens) ?? options.MaxOutputTokens;
            if (string.IsNullOrEmpty(options.ModelPath))
            {
                throw new ArgumentException("No model: pass --model PATH or set CLINICALAGENT_Model__ModelPath. 'clinicalagent model pull' downloads MedGemma; 'clinicalagent model tiny' writes a test model.");
            }

            using var client = new LocalChatClient(new LocalModel(Options.Create(options)), new GemmaPromptFormatter(), ownsModel: true);
            UsageDetails? usage = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await foreach (var update in client.GetStreamingResponseAsync(parse.GetValue(prompt)!, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await context.Output.WriteAsync(update.Text).ConfigureAwait(false);
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            }

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{usage?.InputTokenCount ?? 0} prompt tokens, {usage?.OutputTokenCount ?? 0} generated, {clock.Elapsed.TotalSeconds:F2} s ({Path.GetFileName(options.ModelPath)}).")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
