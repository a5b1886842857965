using System.Diagnostics;
using LLama.Batched;
using LLama.Common;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// Keeps the KV state of the shared prompt prefix (system prompt and tool declarations) on disk, one file per model file,
/// KV-shaping settings and prefix tokens (<see cref="PrefixCacheKey"/>), so a new conversation in any process loads it
/// instead of evaluating it. A file that cannot be used is ignored (logged without content) and written anew; writes
/// happen in the background, atomically, and the folder is kept under its size bound, least recently used files first.
/// </summary>
internal sealed class PrefixCache : IDisposable
{
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<Task> _writes = [];

    public PrefixCache(string directory, string settings, long maxBytes, ILogger logger, TimeProvider? time = null)
    {
        _directory = directory;
        Settings = settings;
        _maxBytes = maxBytes;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>What the states here were made with (model file hash, llama.cpp build, context settings).</summary>
    public string Settings { get; }

    /// <summary>
    /// The cache for a model being loaded with <paramref name="parameters"/>, or null (logged) when the folder cannot be
    /// used: the model then runs without it.
    /// </summary>
    public static PrefixCache? Open(LocalModelOptions options, string modelPath, ModelParams parameters, ILogger logger)
    {
        var directory = Path.GetFullPath(options.PrefixCacheDirectory);
        try
        {
            Directory.CreateDirectory(directory);
            var clock = Stopwatch.StartNew();
            var sha256 = ModelFingerprint.Sha256(modelPath, directory);
            PrefixCacheLog.Opened(logger, directory, clock.ElapsedMilliseconds);
            return new PrefixCache(directory, PrefixCacheSettings.Describe(sha256, parameters), Math.Max(1, options.PrefixCacheMaxMegabytes) << 20, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PrefixCacheLog.Unusable(logger, directory, e.GetType().Name);
            return null;
        }
    }

    /// <summary>The full path of <paramref name="key"/>'s file.</summary>
    public string PathOf(PrefixCacheKey key) => Path.Combine(_directory, key.FileName);

    /// <summary>
    /// For a lease whose conversation lacks the prompt's shared prefix (<paramref name="sharedPrefix"/> tokens): loads the
    /// prefix from its file into the conversation (the lease then reuses those tokens), or, with no usable file, marks the
    /// lease to save it once evaluated. Never throws: a failure is a miss.
    /// </summary>
    public async Task<ConversationLease> RestoreAsync(ConversationLease lease, IReadOnlyList<LLama.Native.LLamaToken> prompt, int sharedPrefix,
        SemaphoreSlim decode, BatchedExecutor executor)
    {
        if (sharedPrefix <= lease.ReusedTokens || sharedPrefix >= lease.Prompt.Count)
            return lease;
        var key = PrefixCacheKey.For(Settings, prompt, sharedPrefix);
        if (!key.Prefixes(lease.Prompt))
            return lease;

        var clock = Stopwatch.StartNew();
        using var entry = TryOpen(key);
        if (entry is null)
            return lease with { SavePrefix = key };

        var conversation = lease.Conversation;
        bool loaded;
        await decode.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            conversation.TruncateTo(0);
            loaded = entry.LoadInto(executor.Context.NativeHandle, conversation.Conversation.ConversationId);
            if (loaded)
            {
                conversation.Conversation.Modify((_, _) => sharedPrefix);
                conversation.Tokens.AddRange(key.Tokens);
            }
        }
        finally
        {
            decode.Release();
        }

        if (!loaded)
        {
            PrefixCacheLog.Ignored(_logger, key.FileName, "llama.cpp refused its state");
            return lease with { ReusedTokens = 0, SavePrefix = key };
        }

        PrefixCacheFolder.Touch(PathOf(key), _time);
        PrefixCacheLog.Loaded(_logger, sharedPrefix, entry.StateLength >> 20, clock.ElapsedMilliseconds);
        return lease with { ReusedTokens = sharedPrefix };
    }

    /// <summary>Copies <paramref name="conversation"/>'s state (which must be exactly <paramref name="key"/>'s tokens) under the
    /// decode lock and writes it to disk in the background.</summary>
    public async Task SaveAsync(PrefixCacheKey key, CachedConversation conversation, SemaphoreSlim decode, BatchedExecutor executor)
    {
        SequenceSnapshot snapshot;
        await decode.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (conversation.Broken || conversation.Tokens.Count != key.Tokens.Length)
                return;
            snapshot = SequenceSnapshot.Capture(executor.Context.NativeHandle, conversation.Conversation.ConversationId);
        }
        catch (InvalidOperationException e)
        {
            PrefixCacheLog.WriteFailed(_logger, key.FileName, e.GetType().Name);
            return;
        }
        finally
        {
            decode.Release();
        }

        var write = Task.Run(() => Write(key, snapshot));
        lock (_gate)
        {
            _writes.RemoveAll(t => t.IsCompleted);
            _writes.Add(write);
        }
    }

    /// <summary>Waits for the writes in flight.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
            return Task.WhenAll(_writes.ToArray());
    }

    /// <summary>Waits for the writes in flight, so a short process (one <c>ask</c>) leaves its prefix behind.</summary>
    public void Dispose() => FlushAsync().GetAwaiter().GetResult();

    private PrefixCacheEntry? TryOpen(PrefixCacheKey key)
    {
        var entry = PrefixCacheFile.Open(PathOf(key), key, out var problem);
        if (problem is not null)
            PrefixCacheLog.Ignored(_logger, key.FileName, problem);
        else if (entry is null)
            PrefixCacheLog.Missed(_logger, key.Tokens.Length);
        return entry;
    }

    private void Write(PrefixCacheKey key, SequenceSnapshot snapshot)
    {
        using (snapshot)
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var bytes = PrefixCacheFile.Write(PathOf(key), key, snapshot);
                PrefixCacheLog.Saved(_logger, key.Tokens.Length, bytes >> 20, clock.ElapsedMilliseconds);
                foreach (var removed in PrefixCacheFolder.Prune(_directory, _maxBytes, PathOf(key), _time))
                    PrefixCacheLog.Pruned(_logger, removed);
            }
            // A background write must not fault the model's disposal: whatever failed, the next run evaluates again.
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                PrefixCacheLog.WriteFailed(_logger, key.FileName, e.GetType().Name);
            }
        }
    }
}
