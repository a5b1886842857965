using System.Globalization;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Cli.Commands;

/// <summary>ONNX files and MedSigLIP folders as aligned "Label  value" lines, like <see cref="ModelInfoCommand.Lines"/> for GGUF.</summary>
public static class OnnxInfoText
{
    public static IEnumerable<string> Lines(OnnxModelSummary summary) => Aligned(Rows(summary, ""));

    public static IEnumerable<string> Lines(MedSigLipSummary summary)
    {
        var rows = new List<(string Label, string? Value)>
        {
            ("Folder", summary.Folder),
            ("Model", summary.ModelName),
            ("Image size", string.Create(CultureInfo.InvariantCulture, $"{summary.ImageSize}×{summary.ImageSize}")),
            ("Text tokens", summary.MaxTextTokens.ToString(CultureInfo.InvariantCulture)),
            ("Embedding dim", summary.EmbeddingDim.ToString(CultureInfo.InvariantCulture)),
            ("Vocabulary", string.Create(CultureInfo.InvariantCulture, $"{summary.VocabularySize:N0} pieces (SentencePiece Unigram, {ByteText.Size(summary.TokenizerSize)})")),
            ("Logit scale", string.Create(CultureInfo.InvariantCulture, $"{summary.Config.LogitScale:0.###} (exp of {summary.Config.LogitScaleLog:0.####} in {MedSigLipFiles.ConfigName})")),
            ("Logit bias", summary.Config.LogitBias.ToString("0.####", CultureInfo.InvariantCulture)),
        };
        rows.AddRange(Rows(summary.Vision, "Vision "));
        rows.AddRange(Rows(summary.Text, "Text "));
        return Aligned(rows);
    }

    private static IEnumerable<(string Label, string? Value)> Rows(OnnxModelSummary summary, string prefix)
    {
        yield return (prefix + "file", summary.Path);
        yield return (prefix + "opset", string.Join(", ", summary.OperatorSets));
        yield return (prefix + "IR version", summary.IrVersion.ToString(CultureInfo.InvariantCulture));
        yield return (prefix + "producer", summary.Producer);
        foreach (var input in summary.Inputs)
            yield return (prefix + "input", input.ToString());
        foreach (var output in summary.Outputs)
            yield return (prefix + "output", output.ToString());
        yield return (prefix + "parameters", string.Create(CultureInfo.InvariantCulture,
            $"{ByteText.Count((ulong)summary.ParameterCount)} ({summary.ParameterCount:N0} in {summary.InitializerCount} initializers{(summary.HasExternalData ? ", external data" : "")})"));
        yield return (prefix + "file size", string.Create(CultureInfo.InvariantCulture, $"{ByteText.Size(summary.FileSize)} ({summary.FileSize:N0} bytes)"));
    }

    private static IEnumerable<string> Aligned(IEnumerable<(string Label, string? Value)> rows)
    {
        var shown = rows.Where(r => r.Value is not null).ToList();
        var width = shown.Max(r => r.Label.Length);
        return shown.Select(r => $"{r.Label.PadRight(width)}  {r.Value}");
    }
}
