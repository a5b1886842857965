using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using LLama;
using LLama.Common;
using LLama.Native;

namespace ClinicalAgent.Bench.Batching;

/// <summary>
/// <c>batching --decode-probe N</c>: raw <c>llama_decode</c> through LLamaSharp, without the scheduler, the pool or a
/// sampler, to see what one step of n conversations costs per token. After a shared prefix of about 600 tokens copied
/// into 8 sequences, it decodes one token in each of n sequences (n = 1, 2, 4, 8) N times, at 1 and 2 threads, asking
/// for logits of all n rows (what the scheduler does) or of one row only (the output head then runs for one token,
/// so the difference is the head's share), optionally with other sequences' cells filling the cache (idle cached
/// conversations, which attention over a unified cache still visits). Each probe's token is removed again, so every
/// repeat sees the same cache.
/// </summary>
internal static class DecodeProbe
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly int[] Widths = [1, 2, 4, 8];
    private const int Prefix = 600;

    /// <summary>Runs every cell for the model at <paramref name="modelPath"/>; rows of the report's table.</summary>
    public static IEnumerable<string> Run(string modelPath, string label, int repeats, int idleCells, IReadOnlyList<int> threads)
    {
        var parameters = new ModelParams(modelPath) { ContextSize = 8192, BatchSize = 512, UBatchSize = 512, SeqMax = 9, KVUnified = true, SwaFull = true };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        foreach (var t in threads)
        {
            using var context = weights.CreateContext(parameters with { Threads = t, BatchThreads = t });
            var handle = context.NativeHandle;
            Fill(handle, 0, 0, Prefix);
            for (var s = 1; s < 8; s++)
                handle.MemorySequenceCopy((LLamaSeqId)0, (LLamaSeqId)s, 0, -1);
            if (idleCells > 0)
                Fill(handle, 8, 0, idleCells);
            foreach (var width in Widths)
            {
                foreach (var allLogits in new[] { true, false })
                {
                    var ms = Time(handle, width, allLogits, repeats);
                    yield return string.Create(Inv,
                        $"| {label} | {t} | {idleCells} | {width} | {(allLogits ? "all" : "one")} | {ms:0.0} | {ms / width:0.0} |");
                }
            }
        }
    }

    /// <summary>Evaluates <paramref name="count"/> tokens into sequence <paramref name="seq"/> from <paramref name="from"/>, in chunks of the batch size.</summary>
    private static void Fill(SafeLLamaContextHandle handle, int seq, int from, int count)
    {
        var batch = new LLamaBatch();
        for (var done = 0; done < count; done += 512)
        {
            batch.Clear();
            for (var i = done; i < Math.Min(count, done + 512); i++)
                batch.Add(Token(i), from + i, (LLamaSeqId)seq, i == count - 1);
            Check(handle.Decode(batch));
        }
    }

    /// <summary>The median milliseconds of one decode of <paramref name="width"/> tokens in as many sequences.</summary>
    private static double Time(SafeLLamaContextHandle handle, int width, bool allLogits, int repeats)
    {
        var batch = new LLamaBatch();
        var times = new List<double>();
        for (var r = -1; r < repeats; r++)
        {
            batch.Clear();
            for (var s = 0; s < width; s++)
                batch.Add(Token(Prefix + s + r + 1), Prefix, (LLamaSeqId)s, allLogits || s == width - 1);
            var start = Stopwatch.GetTimestamp();
            Check(handle.Decode(batch));
            handle.Synchronize();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (r >= 0)
                times.Add(elapsed); // the first decode of a shape is a warm-up (graph and buffers)
            for (var s = 0; s < width; s++)
                handle.MemorySequenceRemove((LLamaSeqId)s, Prefix, -1);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static LLamaToken Token(int i) => (LLamaToken)(1000 + i * 7919 % 200_000);

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
            throw new InvalidOperationException($"llama_decode failed: {result}.");
    }

    /// <summary>The table's header.</summary>
    public static string Header(int repeats)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"\nRaw llama_decode, one token in each of n sequences after a {Prefix}-token shared prefix (median of {repeats}):\n");
        text.AppendLine("| weights | threads | other cells in cache | n | logits | ms per decode | ms per token |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        return text.ToString();
    }

    /// <summary>The synthetic types the probe compares.</summary>
    public static IReadOnlyList<GgmlType> Types { get; } = [GgmlType.Q8_0, GgmlType.F16];
}
