using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Batched;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// One loaded GGUF model and its llama.cpp context, shared by every <see cref="LocalChatClient"/>:
/// weights are loaded once, conversations keep their KV cache across requests (see
/// <see cref="ConversationPool"/>), and the requests in flight decode together: each step of the
/// <see cref="DecodeScheduler"/> evaluates every conversation's next tokens in one llama.cpp batch.
/// </summary>
public sealed partial class LocalModel : IDisposable
{
    private readonly LocalModelOptions _options;
    private readonly ILogger _logger;
    private readonly LLamaWeights _weights;
    private readonly VisionProjector? _projector;
    private readonly PromptTokenizer _tokenizer;
    private readonly int _batchSize;
    private readonly BatchedExecutor _executor;
    private readonly SharedContext _context;
    private readonly SemaphoreSlim _requests;
    private readonly TurnVocabulary _turn;
    private readonly PrefixCacheStage? _prefixes;
    private readonly Lazy<GrammarTokenForest> _forest;
    private bool _disposed;

    /// <summary>Loads the model named by the options.</summary>
    /// <exception cref="ModelLoadException">The file is missing, not GGUF, or llama.cpp cannot load it.</exception>
    public LocalModel(IOptions<LocalModelOptions> options, ILogger<LocalModel>? logger = null)
    {
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.ContextSize < 16)
            throw new ArgumentOutOfRangeException(nameof(options), _options.ContextSize, "Model:ContextSize must be at least 16 tokens.");
        if (_options.MaxConversations < 1)
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxConversations, "Model:MaxConversations must be at least 1.");
        var usePrefixCache = _options.PrefixCacheEnabled;

        var path = Path.GetFullPath(_options.ModelPath is { Length: > 0 } configured ? configured
            : throw new ModelLoadException("", "No model file is configured: set Model:ModelPath to a GGUF file."));
        // Read the header ourselves first: llama.cpp answers a wrong file with a bare null handle, naming nothing.
        var summary = ModelFileCheck.Summarize(path);
        ModelFileCheck.EnsureProjectorBelongs(summary, _options.MmprojPath);
        NativeBackend.Use(_options.NativeLibraryPath, _options.CpuKernels);
        // llama.cpp writes its load log to the console otherwise; route it to our logger (nothing without one), its
        // warnings at Debug (NativeLogLevels).
        NativeLogConfig.llama_log_set(new NativeLogLevels(_logger));
        var parameters = ContextParameters.For(_options, path);

        var clock = Stopwatch.StartNew();
        try
        {
            _weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception e) when (e is LoadWeightsFailedException or RuntimeError or InvalidOperationException)
        {
            throw new ModelLoadException(path, $"llama.cpp could not load the model file '{path}': {e.Message}", e);
        }

        try
        {
            _projector = _options.MmprojPath is { Length: > 0 } mmproj
                ? VisionProjector.Load(Path.GetFullPath(mmproj), _weights, _options.Threads, _options.GpuLayerCount > 0, _logger)
                : null;
            // Image embeddings attend to each other (non-causal), so llama.cpp needs a whole image in one micro-batch.
            _batchSize = Math.Max(_options.BatchSize, _projector?.ImagePositions ?? 0);
            parameters.BatchSize = (uint)_batchSize;
            parameters.UBatchSize = (uint)_batchSize;
            _executor = new BatchedExecutor(_weights, parameters);
        }
        catch
        {
            _projector?.Dispose();
            _weights.Dispose();
            throw;
        }

        _tokenizer = new PromptTokenizer(_weights, _projector);
        ModelId = Path.GetFileName(path);
        FilePath = path;
        _context = new SharedContext(_executor, _options.MaxConversations + 1, _options.ContextSize, _batchSize, ModelId);
        _prefixes = usePrefixCache && PrefixCaching.PrefixCache.Open(_options, path, parameters, _logger) is { } cache
            ? new PrefixCacheStage(cache, _context)
            : null;
        _requests = new SemaphoreSlim(_options.MaxConversations, _options.MaxConversations);
        _turn = new TurnVocabulary(_weights);
        // Built when a grammar first masks the whole vocabulary (a pass over it), then shared by every reply.
        _forest = new Lazy<GrammarTokenForest>(() => GrammarTokenForest.Build(_weights.NativeHandle), LazyThreadSafetyMode.ExecutionAndPublication);
        LogLoaded(ModelId, clock.ElapsedMilliseconds, _options.ContextSize, _options.Threads);
    }

    /// <summary>The model's file name, reported as the model id.</summary>
    public string ModelId { get; }

    /// <summary>Full path of the loaded file.</summary>
    public string FilePath { get; }

    /// <summary>The options the model was loaded with.</summary>
    public LocalModelOptions Options => _options;

    /// <summary>How grammars mask the whole vocabulary (by levels unless a benchmark or test compares the full scan).</summary>
    internal GrammarMaskMode GrammarMask { get; set; } = GrammarMaskMode.Levels;

    /// <summary>The loaded weights, for tokenizing and decoding.</summary>
    public LLamaWeights Weights => _weights;

    /// <summary>Whether a vision projector is loaded (<see cref="LocalModelOptions.MmprojPath"/>), so requests may hold images.</summary>
    public bool SupportsImages => _projector is not null;

    /// <summary>Positions (tokens) one image takes in the context; 0 without a projector.</summary>
    public int ImageTokens => _projector?.ImagePositions ?? 0;

    /// <summary>Conversations whose KV cache is alive now.</summary>
    public int CachedConversations => _context.CachedConversations;

    /// <summary>Decode steps (batches), tokens and conversations decoded since the model loaded: a measure of how much batching happened.</summary>
    public DecodeCounters DecodeCounters => _context.Counters;

    /// <summary>
    /// Holds the context until disposed, so no decode step, lease or eviction runs meanwhile. Requests made while it is
    /// held queue in order and then start together; tests use it to line requests up.
    /// </summary>
    internal Task<IDisposable> HoldAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _context.HoldAsync(cancellationToken);
    }

    /// <summary>Drops every idle cached conversation, so the next request evaluates its whole prompt.</summary>
    public Task ClearCacheAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _context.ClearAsync(cancellationToken);
    }

    /// <summary>Tokenizes a rendered prompt: control tokens such as &lt;start_of_turn&gt; are parsed, a BOS added unless the text has one.</summary>
    public IReadOnlyList<LLamaToken> Tokenize(string text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _tokenizer.Tokenize(text);
    }

    /// <summary>Tokenizes a rendered prompt with its images (decoding those not seen before).</summary>
    /// <exception cref="ImageInputException">An image without a projector, or one that cannot be read.</exception>
    internal PromptInput Tokenize(Prompting.RenderedPrompt rendered)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var input = _tokenizer.Tokenize(rendered);
        return _prefixes is null ? input : PrefixCacheStage.Mark(_tokenizer, rendered, input);
    }

    /// <summary>The persistent prefix cache, when <see cref="LocalModelOptions.PrefixCache"/> is on and its folder usable.</summary>
    internal PrefixCaching.PrefixCache? PrefixCache => _prefixes?.Cache;

    /// <summary>
    /// Generates one reply to <paramref name="input"/>, yielding sampled tokens (the end-of-turn token is
    /// not yielded). The longest cached prefix is reused; only the rest is evaluated. Cancellation is
    /// honoured between tokens, so the cached conversation always holds exactly what was evaluated.
    /// </summary>
    /// <exception cref="ContextOverflowException">The prompt plus the output budget exceeds the context.</exception>
    internal async IAsyncEnumerable<LLamaToken> GenerateAsync(
        PromptInput input,
        GenerationSettings settings,
        GenerationStats stats,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (input.Tokens.Count == 0)
            throw new ArgumentException("The prompt is empty.", nameof(input));
        using var images = new RequestImages(input);
        CheckFits(input.Tokens.Count, settings.MaxOutputTokens);

        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lease = await LeaseAsync(input, settings.MaxOutputTokens, cancellationToken).ConfigureAwait(false);

            var conversation = lease.Conversation;
            var prompt = lease.Prompt;
            var reply = new List<LLamaToken>();
            stats.PromptTokens = prompt.Count;
            stats.CachedTokens = lease.ReusedTokens;
            stats.ConversationId = conversation.Id;
            if (settings.LogProbabilityAlternatives is { } alternatives)
                stats.LogProbabilities = new LogitsRecorder(alternatives);
            LogLeased(conversation.Id, prompt.Count, lease.ReusedTokens, lease.Forked);

            using var sampler = settings.Grammar is null ? settings.CreateSampler(_turn.Banned)
                : settings.CreateSampler(_turn.BannedUnderGrammar, GrammarMask == GrammarMaskMode.Levels ? () => _forest.Value : null);
            var generation = new MemberGeneration(settings.MaxOutputTokens, _turn.EndsTurn, stats.LogProbabilities);
            BatchMember? member = null;
            try
            {
                var clock = Stopwatch.StartNew();
                member = await EvaluatePromptAsync(lease, sampler, generation, stats, cancellationToken).ConfigureAwait(false);
                var first = true;
                try
                {
                    // The scheduler decodes ahead of this loop; the tokens wait in the member's channel.
                    await foreach (var sampled in member.Tokens.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (first)
                        {
                            stats.PromptTime = clock.Elapsed;
                            clock.Restart();
                            first = false;
                        }

                        if (sampled.Logits is { } position)
                            stats.LogProbabilities!.Add(position);
                        var token = sampled.Token;
                        if (_turn.EndsTurn(token))
                        {
                            stats.FinishReason = ChatFinishReason.Stop;
                            break;
                        }

                        stats.OutputTokens++;
                        reply.Add(token);
                        yield return token;
                        if (stats.OutputTokens >= settings.MaxOutputTokens)
                        {
                            stats.FinishReason = ChatFinishReason.Length;
                            break;
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    // A member that left without a last token failed or was cancelled: say which.
                    if (stats.FinishReason is null)
                        await member.Completion.ConfigureAwait(false);
                }
                finally
                {
                    if (first)
                        stats.PromptTime = clock.Elapsed;
                    else
                        stats.GenerationTime = clock.Elapsed;
                }
            }
            finally
            {
                if (member is not null)
                {
                    // Out of the batch before the conversation goes back: its record must match its cache.
                    member.Stop();
                    try
                    {
                        await member.Completion.ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is OperationCanceledException || conversation.Broken)
                    {
                        // Reported above when it mattered; a broken conversation is dropped on return.
                    }

                    member.Dispose();
                }

                await _context.ReturnAsync(conversation, () =>
                {
                    // After a finished turn every reply token is in the cache: remember the text they
                    // stand for, so the next turn can reuse them even if it would tokenize them apart.
                    if (stats.FinishReason == ChatFinishReason.Stop && !conversation.Broken
                        && conversation.Tokens.Count == prompt.Count + reply.Count)
                        conversation.Text = ReplyText.Exact(_weights, reply) is { } text ? input.Text + text : null;
                }).ConfigureAwait(false);
            }
        }
        finally
        {
            _requests.Release();
        }
    }

    private void CheckFits(int promptTokens, int maxOutputTokens)
    {
        if (promptTokens + maxOutputTokens > _options.ContextSize)
            throw new ContextOverflowException(promptTokens, maxOutputTokens, _options.ContextSize);
    }

    /// <summary>Frees the conversations, the context, the projector and the weights.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _prefixes?.Dispose();
        _context.Dispose();
        _executor.Dispose();
        _projector?.Dispose();
        _weights.Dispose();
        _requests.Dispose();
    }
}
