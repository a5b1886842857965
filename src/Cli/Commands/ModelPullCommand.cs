using System.CommandLine;
using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>model pull [NAME|URL]</c>: download a model (and its projector) into the model cache.</summary>
public static class ModelPullCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string?>("model")
        {
            Description = $"A catalogue name ({string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}), a GGUF URL, or NAME|URL. Default: {ModelCatalog.DefaultName}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var cache = new Option<string?>("--cache")
        {
            Description = $"The model cache folder. Default: ${ModelDownloadOptions.CacheVariable}, else ~/.cache/clinicalagent/models.",
        };
        var command = new Command("pull", $"Download a GGUF model into the model cache, resuming an interrupted download. Gated repositories need ${ModelDownloadOptions.TokenVariable}.")
        {
            model, cache,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var entry = ModelCatalog.Resolve(parse.GetValue(model));
            var options = new ModelDownloadOptions();
            if (parse.GetValue(cache) is { Length: > 0 } folder)
            {
                options.CacheDirectory = Path.GetFullPath(folder);
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
}
