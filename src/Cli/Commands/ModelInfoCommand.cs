using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>model info PATH</c>: a GGUF file's architecture, size, quantization and context, read from its header only.</summary>
public static class ModelInfoCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A GGUF file (model weights or an mmproj projector)." };
        var command = new Command("info", "Print what a GGUF file holds without loading it.") { path };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var summary = ModelSummary.Read(Path.GetFullPath(parse.GetValue(path)!));
            foreach (var line in Lines(summary))
            {
                await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The summary as "Label  value" lines with the values aligned.</summary>
    public static IEnumerable<string> Lines(ModelSummary summary)
    {
        var rows = new List<(string Label, string? Value)>
        {
            ("File", summary.Path),
            ("Architecture", summary.IsProjector ? $"{summary.Architecture} (multimodal projector)" : summary.Architecture),
            ("Name", summary.Name),
            ("Parameters", string.Create(CultureInfo.InvariantCulture, $"{ByteText.Count(summary.ParameterCount)} ({summary.ParameterCount:N0})")),
            ("Quantization", summary.Quantization),
            ("Context length", summary.ContextLength?.ToString("N0", CultureInfo.InvariantCulture)),
            ("Embedding length", summary.EmbeddingLength?.ToString(CultureInfo.InvariantCulture)),
            ("Projection dim", summary.ProjectionDim?.ToString(CultureInfo.InvariantCulture)),
            ("Chat template", summary.IsProjector ? null : summary.HasChatTemplate ? "yes" : "no"),
            ("Tensors", summary.TensorCount.ToString(CultureInfo.InvariantCulture)),
            ("File size", string.Create(CultureInfo.InvariantCulture, $"{ByteText.Size(summary.FileSize)} ({summary.FileSize:N0} bytes)")),
            ("GGUF version", summary.GgufVersion.ToString(CultureInfo.InvariantCulture)),
        };
        // A projector's clip.* keys decide its image size, tokens per image and the model it serves.
        rows.AddRange(summary.ProjectorSettings.Select(p => (p.Key, (string?)p.Value)));
        var shown = rows.Where(r => r.Value is not null).ToList();
        var width = shown.Max(r => r.Label.Length);
        return shown.Select(r => $"{r.Label.PadRight(width)}  {r.Value}");
    }
}
