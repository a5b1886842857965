using LLama.Common;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>llama.cpp's load and context parameters for a <see cref="LocalModel"/>, from its options.</summary>
internal static class ContextParameters
{
    /// <summary>The parameters for the model at <paramref name="path"/>; the batch size may still grow to fit an image.</summary>
    public static ModelParams For(LocalModelOptions options, string path) =>
        new(path)
        {
            ContextSize = (uint)options.ContextSize,
            GpuLayerCount = options.GpuLayerCount,
            Threads = options.Threads,
            // llama.cpp's n_threads_batch: used for every ubatch of more than one token.
            BatchThreads = options.BatchThreads > 0 ? options.BatchThreads : options.Threads,
            BatchSize = (uint)options.BatchSize,
            UBatchSize = (uint)options.BatchSize,
            // One sequence more than requests in flight: a tool that calls the model between an outer conversation's
            // turns (image tools do) gets its own, so the outer conversation keeps its cache.
            SeqMax = (uint)options.MaxConversations + 1,
            // One pool of KV cells for all conversations, so a single conversation may use the whole context.
            KVUnified = true,
            // Gemma 3 uses sliding-window attention; a pruned window cache cannot be rewound to an earlier
            // position, which KV reuse across turns needs.
            SwaFull = true,
        };
}
