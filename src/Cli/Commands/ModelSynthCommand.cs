using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>model synth --shape 270m|1b|4b [--type f16|q8_0] [--out PATH]</c>: a random-weight gemma3 GGUF with a real Gemma 3
/// size and the real Gemma 3 vocabulary, for benchmarks that need a real model's costs (ADR 0018).
/// </summary>
public static class ModelSynthCommand
{
    public static Command Create(CliContext context)
    {
        var shape = new Option<string>("--shape") { Description = "Which Gemma 3 size to copy: 270m, 1b or 4b.", Required = true };
        shape.AcceptOnlyFromAmong([.. GemmaShape.Published.Select(s => s.Name)]);
        var type = new Option<string>("--type") { Description = "Tensor type of the weights: f16 or q8_0 (norms stay F32).", DefaultValueFactory = _ => "f16" };
        type.AcceptOnlyFromAmong("f16", "q8_0");
        var output = new Option<string?>("--out") { Description = "Where to write the GGUF (default: gemma3-SHAPE-synthetic-TYPE.gguf here)." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Gemma 3's tokenizer.json (default: the one npm ci installs under tests/js)." };
        var layers = new Option<int?>("--layers") { Description = "Fewer layers than the real model (the rest of the shape kept), for quick runs." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the weights; the same seed gives the same bytes.", DefaultValueFactory = _ => 1 };
        var command = new Command("synth", "Write a random-weight gemma3 GGUF with a real Gemma 3 shape and vocabulary (its text is nonsense, its costs are real).")
        {
            shape, type, output, tokenizer, layers, seed,
        };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var chosen = GemmaShape.Published.Single(s => s.Name == parse.GetValue(shape));
            if (parse.GetValue(layers) is { } count)
            {
                if (count < 1 || count > chosen.BlockCount)
                    throw new ArgumentException($"--layers must be 1 to {chosen.BlockCount} for the {chosen.Name} shape.");
                chosen = chosen with { BlockCount = count };
            }

            var tensorType = parse.GetValue(type) == "q8_0" ? GgmlType.Q8_0 : GgmlType.F16;
            var path = Path.GetFullPath(parse.GetValue(output) ?? $"gemma3-{chosen.Name}-synthetic-{parse.GetValue(type)}.gguf");
            var vocabulary = GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(parse.GetValue(tokenizer)));
            var stopwatch = Stopwatch.StartNew();
            var size = SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(chosen, vocabulary, tensorType, parse.GetValue(seed)), path);
            var parameters = (ulong)chosen.ParameterCount(vocabulary.Tokens.Count);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote synthetic gemma3 {chosen.Name} ({chosen.BlockCount} layers, {ByteText.Count(parameters)} parameters, {tensorType}, {vocabulary.Tokens.Count:N0} tokens) to {path}: {ByteText.Size(size)} in {stopwatch.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
