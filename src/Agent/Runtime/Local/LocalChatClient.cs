using System.Runtime.CompilerServices;
using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// An <see cref="IChatClient"/> over a local GGUF model. It renders the Gemma chat template with the
/// tools, constrains sampling with a grammar built from the tools' JSON schemas (so a reply is always a
/// valid call of an offered tool or, when the tool mode allows, an answer), parses calls into
/// <see cref="FunctionCallContent"/>, and keeps each conversation's KV cache so a follow-up turn only
/// evaluates its new tokens. Usage reports prompt tokens (<see cref="UsageDetails.InputTokenCount"/>),
/// those reused from the cache (<see cref="UsageDetails.CachedInputTokenCount"/>, also
/// <c>AdditionalCounts["CachedInputTokens"]</c>) and those evaluated (<c>AdditionalCounts["EvaluatedInputTokens"]</c>).
/// Images (<see cref="DataContent"/> of image/png, image/jpeg, DICOM, or <see cref="ClinicalAgent.Imaging.ImagePixels"/> as
/// its raw representation) in user and tool messages, and in tool results, go through llama.cpp's mtmd when
/// <see cref="LocalModelOptions.MmprojPath"/> names the projector; an image already in a cached prefix (same content
/// hash, same place) is not encoded again: <c>AdditionalCounts["EncodedImages"]</c> and <c>["ImageTokens"]</c> count
/// what this request encoded. Without a projector a request with an image throws <see cref="ImageInputException"/>.
/// </summary>
/// <remarks>
/// A request whose rendered prompt plus its output budget (<see cref="ChatOptions.MaxOutputTokens"/> or
/// <see cref="LocalModelOptions.MaxOutputTokens"/>) exceeds <see cref="LocalModelOptions.ContextSize"/>
/// throws <see cref="ContextOverflowException"/>: the history is never truncated silently.
/// </remarks>
public sealed partial class LocalChatClient : IChatClient
{
    private readonly LocalModel _model;
    private readonly GemmaPromptFormatter _formatter;
    private readonly ILogger _logger;
    private readonly bool _ownsModel;
    private readonly ChatClientMetadata _metadata;
    private readonly GrammarLimits _limits;

    /// <summary>Creates a client over a loaded model.</summary>
    /// <param name="model">The model; shared by every client over it.</param>
    /// <param name="formatter">Renders messages and tools into Gemma turn text.</param>
    /// <param name="logger">Counts and timings at Debug, prompt and reply text at Trace.</param>
    /// <param name="ownsModel">Whether disposing this client disposes the model.</param>
    public LocalChatClient(LocalModel model, GemmaPromptFormatter formatter, ILogger<LocalChatClient>? logger = null, bool ownsModel = false)
    {
        _model = model;
        _formatter = formatter;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsModel = ownsModel;
        _metadata = new ChatClientMetadata("llama.cpp", new Uri(model.FilePath), model.ModelId);
        _limits = new GrammarLimits(model.Options.MaxStringArgumentLength);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = Prepare(messages, options);
        var stats = new GenerationStats();
        var decoder = new ReplyTextDecoder(_model.Weights);
        await foreach (var token in _model.GenerateAsync(request.Prompt, request.Settings, stats, cancellationToken).ConfigureAwait(false))
            decoder.Add(token);

        var reply = ReplyReader.Read(decoder.Text, request.Tools, request.Constrained, stats.FinishReason);
        Log(stats, decoder.Text);
        var message = new ChatMessage(ChatRole.Assistant, ReplyReader.Contents(reply, includeText: true));
        return new ChatResponse(message)
        {
            ModelId = _model.ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ReplyReader.FinishReason(reply, stats.FinishReason),
            Usage = stats.ToUsage(),
            AdditionalProperties = ReplyReader.Properties(reply),
            RawRepresentation = decoder.Text,
        };
    }

    /// <inheritdoc />
    /// <remarks>An answer streams as it decodes; a tool-call reply is buffered and its calls yielded at
    /// the end (partial JSON is of no use to a caller). The last update carries the finish reason and
    /// a <see cref="UsageContent"/>.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Prepare(messages, options);
        var stats = new GenerationStats();
        var decoder = new ReplyTextDecoder(_model.Weights);
        var splitter = new ReplyStreamSplitter(request.Constrained);
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var token in _model.GenerateAsync(request.Prompt, request.Settings, stats, cancellationToken).ConfigureAwait(false))
        {
            var visible = splitter.Push(decoder.Add(token));
            if (visible.Length > 0)
                yield return Update(responseId, [new TextContent(visible)]);
        }

        var rest = splitter.Complete();
        if (rest.Length > 0)
            yield return Update(responseId, [new TextContent(rest)]);

        var reply = ReplyReader.Read(decoder.Text, request.Tools, request.Constrained, stats.FinishReason);
        Log(stats, decoder.Text);
        // A call cut off by the token budget was held back as a call; it comes out as text at the end.
        var final = ReplyReader.Contents(reply, includeText: splitter.IsToolCall && reply.Calls.Count == 0);
        final.Add(new UsageContent(stats.ToUsage()));
        var last = Update(responseId, final);
        last.FinishReason = ReplyReader.FinishReason(reply, stats.FinishReason);
        last.AdditionalProperties = ReplyReader.Properties(reply);
        last.RawRepresentation = decoder.Text;
        yield return last;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType == typeof(ChatClientMetadata))
            return _metadata;
        if (serviceType == typeof(LocalModel))
            return _model;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Frees the model's native resources when this client owns it.</summary>
    public void Dispose()
    {
        if (_ownsModel)
            _model.Dispose();
    }

    private PreparedRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var mode = options?.ToolMode;
        var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        var offered = mode is NoneChatToolMode ? [] : tools;
        var allowMultiple = options?.AllowMultipleToolCalls ?? _model.Options.AllowMultipleToolCalls;
        var relaxations = new List<GrammarRelaxation>();
        var grammar = ReplyGrammar.Build(offered, mode, allowMultiple, _limits, relaxations);
        ToolSchemaAudit.Report(relaxations, _logger); // once per constraint and process

        var rendered = _formatter.Render(history, offered);
        var prompt = _model.Tokenize(rendered);
        LogPrompt(prompt.Tokens.Count, rendered.Images.Count, rendered.Text);
        var settings = new GenerationSettings(
            options?.MaxOutputTokens ?? _model.Options.MaxOutputTokens,
            options?.Temperature ?? _model.Options.Temperature,
            options?.Seed is { } seed ? unchecked((uint)seed) : _model.Options.Seed,
            grammar,
            options?.TopK,
            options?.TopP);
        return new PreparedRequest(prompt, settings, offered, grammar is not null);
    }

    private ChatResponseUpdate Update(string responseId, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = _model.ModelId,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private void Log(GenerationStats stats, string reply)
    {
        LogReply(stats.ConversationId, stats.FinishReason?.Value, stats.PromptTokens, stats.CachedTokens, stats.EvaluatedTokens,
            stats.OutputTokens, (long)stats.PromptTime.TotalMilliseconds, (long)stats.GenerationTime.TotalMilliseconds);
        LogReplyText(reply);
    }

    private sealed record PreparedRequest(
        PromptInput Prompt, GenerationSettings Settings, IReadOnlyList<AIFunctionDeclaration> Tools, bool Constrained);

    [LoggerMessage(EventId = 10, Level = LogLevel.Trace, Message = "Prompt ({Tokens} tokens, {Images} images): {Prompt}")]
    private partial void LogPrompt(int tokens, int images, string prompt);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug,
        Message = "Conversation {ConversationId} finished ({FinishReason}): prompt {PromptTokens} tokens ({CachedTokens} cached, {EvaluatedTokens} evaluated), {OutputTokens} generated; prompt {PromptMs} ms, generation {GenerationMs} ms")]
    private partial void LogReply(int conversationId, string? finishReason, int promptTokens, int cachedTokens, int evaluatedTokens,
        int outputTokens, long promptMs, long generationMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Trace, Message = "Reply: {Reply}")]
    private partial void LogReplyText(string reply);
}
