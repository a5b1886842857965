using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>model tiny --out PATH</c>: the random-weight gemma3 test model, for trying the pipeline without real weights.</summary>
public static class ModelTinyCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Where to write the GGUF file (with --medsiglip: the folder).", Required = true };
        var medSigLip = new Option<bool>("--medsiglip") { Description = "Write a tiny random-weight MedSigLIP folder (two ONNX encoders, tokenizer, config) instead; for Vision:MedSigLip:Path." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the weights; the same seed gives the same bytes.", DefaultValueFactory = _ => 1 };
        var projector = new Option<string?>("--mmproj") { Description = "Also write its tiny vision projector (gemma3 mmproj, 64×64 images, 16 tokens each) here." };
        var command = new Command("tiny", "Write a tiny random-weight gemma3 GGUF (under 1 MB; its text is nonsense, its plumbing is real).") { output, seed, projector, medSigLip };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (parse.GetValue(medSigLip))
            {
                TinySigLipModel.Write(path, parse.GetValue(seed));
                await context.Output.WriteLineAsync($"Wrote tiny MedSigLIP to {path}: set Vision:MedSigLip:Path to it (its scores mean nothing).").ConfigureAwait(false);
                return 0;
            }

            if (Path.GetDirectoryName(path) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            TinyGemmaModel.Write(path, parse.GetValue(seed));
            var size = new FileInfo(path).Length;
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote tiny gemma3 model to {path}: {ByteText.Size(size)} ({size:N0} bytes).")).ConfigureAwait(false);
            if (parse.GetValue(projector) is { Length: > 0 } mmproj)
            {
                var projectorPath = Path.GetFullPath(mmproj);
                if (Path.GetDirectoryName(projectorPath) is { } projectorFolder)
                    Directory.CreateDirectory(projectorFolder);
                TinyGemmaProjector.Write(projectorPath, parse.GetValue(seed));
                var projectorSize = new FileInfo(projectorPath).Length;
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote its vision projector to {projectorPath}: {ByteText.Size(projectorSize)} ({projectorSize:N0} bytes), {TinyGemmaProjector.ImageTokens} tokens per image.")).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
