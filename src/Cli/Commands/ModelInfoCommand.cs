using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>model info PATH</c>: a GGUF file's architecture, size, quantization and context, read from its header only;
/// an ONNX file's opset, inputs, outputs and parameters; a MedSigLIP folder, validated.</summary>
public static class ModelInfoCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A GGUF file (model weights or an mmproj projector), an ONNX file, or a MedSigLIP folder." };
        var command = new Command("info", "Print what a GGUF or ONNX file holds without loading its weights, or check a MedSigLIP folder.") { path };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var target = Path.GetFullPath(parse.GetValue(path)!);
            var lines = Directory.Exists(target) ? OnnxInfoText.Lines(MedSigLipCheck.Run(target, cancellationToken))
                : IsOnnx(target) ? OnnxInfoText.Lines(OnnxModelReader.Read(target))
                : Lines(ModelSummary.Read(target));
            foreach (var line in lines)
            {
                await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>An <c>.onnx</c> file, or any file that does not start with GGUF's magic and is not a GGUF by name.</summary>
    private static bool IsOnnx(string path)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return true;
        if (path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            return false;
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        // An ONNX ModelProto starts with ir_version: field 1, varint (0x08); GGUF with "GGUF".
        return stream.Read(magic) == 4 && magic[0] == 0x08 && !magic.SequenceEqual("GGUF"u8);
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
