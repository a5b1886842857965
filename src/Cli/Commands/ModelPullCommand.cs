using System.CommandLine;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>model pull [NAME|URL]</c>: download a model (and its projector) into the model cache;
/// <c>model pull medsiglip [--path DIR]</c>: the export steps, or a check of an exported folder.</summary>
public static class ModelPullCommand
{
    /// <summary>The name that asks for MedSigLIP, which is exported by the user rather than downloaded.</summary>
    public const string MedSigLipName = "medsiglip";

    public static Command Create(CliContext context)
    {
        var model = new Argument<string?>("model")
        {
            Description = $"A catalogue name ({string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}), a GGUF URL, NAME|URL, or {MedSigLipName}. Default: {ModelCatalog.DefaultName}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var cache = new Option<string?>("--cache")
        {
            Description = $"The model cache folder. Default: ${ModelDownloadOptions.CacheVariable}, else ~/.cache/clinicalagent/models.",
        };
        var folder = new Option<string?>("--path")
        {
            Description = $"With {MedSigLipName}: the folder you exported (vision_model.onnx, text_model.onnx, tokenizer.model, medsiglip.json) to check.",
        };
        var command = new Command("pull", $"Download a GGUF model into the model cache, resuming an interrupted download. Gated repositories need ${ModelDownloadOptions.TokenVariable}. '{MedSigLipName}' prints its export steps.")
        {
            model, cache, folder,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var isMedSigLip = string.Equals(parse.GetValue(model)?.Trim(), MedSigLipName, StringComparison.OrdinalIgnoreCase);
            if (isMedSigLip)
                return await PullMedSigLipAsync(context, parse.GetValue(folder), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(folder) is not null)
                throw new ArgumentException($"--path is for '{MedSigLipName}' only; other models download into --cache.");
            var entry = ModelCatalog.Resolve(parse.GetValue(model));
            var options = new ModelDownloadOptions();
            if (parse.GetValue(cache) is { Length: > 0 } cacheFolder)
            {
                options.CacheDirectory = Path.GetFullPath(cacheFolder);
            }

            // Multi-gigabyte bodies: the per-request timeout would cut them off; Ctrl+C cancels instead.
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var downloader = new ModelDownloader(http, options);
            var files = entry.Projector is null ? [entry.Model] : new[] { entry.Model, entry.Projector };
            var paths = new List<string>();
            foreach (var file in files)
            {
                paths.Add(await ProgressReporter.RunDownloadAsync(context.Error, file.FileName,
                    progress => downloader.DownloadAsync(file, progress, cancellationToken)).ConfigureAwait(false));
            }

            var summary = ModelSummary.Read(paths[0]);
            if (paths.Count > 1)
            {
                ModelSummary.EnsureProjectorMatches(summary, ModelSummary.Read(paths[1]));
            }

            await context.Error.WriteLineAsync(
                $"{entry.Name}: {summary.Architecture}, {ByteText.Count(summary.ParameterCount)} parameters, {summary.Quantization}, {ByteText.Size(summary.FileSize)}.").ConfigureAwait(false);
            if (paths.Count > 1 && entry.Name == ModelCatalog.DefaultName)
            {
                // The host defaults Model:ModelPath and Model:MmprojPath to these files (ApplicationConfiguration).
                await context.Error.WriteLineAsync("Its vision projector is used for images (Model:MmprojPath) whenever the pulled model is the default.").ConfigureAwait(false);
            }
            foreach (var path in paths)
            {
                await context.Output.WriteLineAsync(path).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Without a folder, the export steps; with one, its check and summary (exit code 1 and one line if it fails).</summary>
    private static async Task<int> PullMedSigLipAsync(CliContext context, string? folder, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            await context.Output.WriteLineAsync(MedSigLipExportGuide.Text).ConfigureAwait(false);
            return 0;
        }

        var summary = await Task.Run(() => MedSigLipCheck.Run(folder, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var line in OnnxInfoText.Lines(summary))
        {
            await context.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await context.Error.WriteLineAsync($"MedSigLIP at {summary.Folder} is ready: set Vision:MedSigLip:Path to it.").ConfigureAwait(false);
        return 0;
    }
}
