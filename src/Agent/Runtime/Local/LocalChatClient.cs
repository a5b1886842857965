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
/// A JSON <see cref="ChatOptions.ResponseFormat"/> (<see cref="ChatResponseFormatJson"/>, with or without a schema)
/// constrains the reply with a grammar compiled from the schema, so it parses and matches unless the token budget cut
/// it off. Log-probabilities of the sampled tokens come on request, as <see cref="LogProbabilities"/> documents.
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

        var reply = Read(decoder.Text, request, stats);
        Log(stats, decoder.Text);
        var message = new ChatMessage(ChatRole.Assistant, ReplyReader.Contents(reply, includeText: true));
        var properties = ReplyReader.Properties(reply);
        if (stats.LogProbabilities is { } recorder)
            (properties ??= [])[LogProbabilities.ResponseKey] = new LogProbabilityText(_model.Weights).Convert(recorder, 0, stats.OutputTokens);
        return new ChatResponse(message)
        {
            ModelId = _model.ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ReplyReader.FinishReason(reply, stats.FinishReason),
            Usage = stats.ToUsage(),
            AdditionalProperties = properties,
            RawRepresentation = decoder.Text,
        };
    }

    /// <inheritdoc />
    /// <remarks>An answer streams as it decodes; a tool-call reply is buffered and its calls yielded at
    /// the end (partial JSON is of no use to a caller); a reply in a JSON response format streams as sampled. The last
    /// update carries the finish reason and a <see cref="UsageContent"/>. With log-probabilities asked for
    /// (<see cref="LogProbabilities"/>), each update carries those of the tokens decoded since the previous one.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Prepare(messages, options);
        var stats = new GenerationStats();
        var decoder = new ReplyTextDecoder(_model.Weights);
        var splitter = new ReplyStreamSplitter(request.Shape == ReplyShape.Protocol);
        var pieces = new LogProbabilityText(_model.Weights);
        var reported = 0;
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var token in _model.GenerateAsync(request.Prompt, request.Settings, stats, cancellationToken).ConfigureAwait(false))
        {
            var piece = decoder.Add(token);
            var visible = request.Shape == ReplyShape.Json ? piece : splitter.Push(piece);
            if (visible.Length > 0)
                yield return WithLogProbabilities(Update(responseId, [new TextContent(visible)]), stats, pieces, ref reported);
        }

        var rest = request.Shape == ReplyShape.Json ? "" : splitter.Complete();
        if (rest.Length > 0)
            yield return WithLogProbabilities(Update(responseId, [new TextContent(rest)]), stats, pieces, ref reported);

        var reply = Read(decoder.Text, request, stats);
        Log(stats, decoder.Text);
        // A call cut off by the token budget was held back as a call; it comes out as text at the end.
        var final = ReplyReader.Contents(reply, includeText: request.Shape != ReplyShape.Json && splitter.IsToolCall && reply.Calls.Count == 0);
        final.Add(new UsageContent(stats.ToUsage()));
        var last = Update(responseId, final);
        last.FinishReason = ReplyReader.FinishReason(reply, stats.FinishReason);
        last.AdditionalProperties = ReplyReader.Properties(reply);
        last.RawRepresentation = decoder.Text;
        yield return WithLogProbabilities(last, stats, pieces, ref reported);
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
        var (grammar, shape) = Constrain(options?.ResponseFormat as ChatResponseFormatJson, offered, mode, allowMultiple, relaxations);
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
            options?.TopP,
            LogProbabilities.Requested(options));
        return new PreparedRequest(prompt, settings, offered, shape);
    }

    /// <summary>
    /// The grammar and shape of the reply: a JSON response format constrains the reply to its schema when no tool is
    /// offered; with tools, a required tool mode makes the reply calls (the format has nothing to shape), and any other
    /// mode is refused, because an answer that is a JSON object could not be told from a call.
    /// </summary>
    private (string? Grammar, ReplyShape Shape) Constrain(ChatResponseFormatJson? format, IReadOnlyList<AIFunctionDeclaration> offered,
        ChatToolMode? mode, bool allowMultiple, List<GrammarRelaxation> relaxations)
    {
        if (format is not null && offered.Count == 0)
            return (ResponseFormatGrammar.Build(format, _limits, relaxations), ReplyShape.Json);
        if (format is not null && mode is not RequiredChatToolMode)
            throw new NotSupportedException("A JSON response format together with offered tools needs the tool mode Required (the reply is calls) or None (the reply is the JSON value).");
        var grammar = ReplyGrammar.Build(offered, mode, allowMultiple, _limits, relaxations);
        return (grammar, grammar is null ? ReplyShape.Free : ReplyShape.Protocol);
    }

    private static ParsedReply Read(string raw, PreparedRequest request, GenerationStats stats) => request.Shape == ReplyShape.Json
        ? new ParsedReply(raw.Length == 0 ? null : raw, [], null)
        : ReplyReader.Read(raw, request.Tools, request.Shape == ReplyShape.Protocol, stats.FinishReason);

    /// <summary>Adds the log-probabilities of the tokens generated since the last update, when they were asked for.</summary>
    private static ChatResponseUpdate WithLogProbabilities(ChatResponseUpdate update, GenerationStats stats, LogProbabilityText pieces, ref int reported)
    {
        if (stats.LogProbabilities is not { } recorder)
            return update;
        var upTo = Math.Min(stats.OutputTokens, recorder.Positions.Count);
        (update.AdditionalProperties ??= [])[LogProbabilities.ResponseKey] = pieces.Convert(recorder, reported, upTo);
        reported = Math.Max(reported, upTo);
        return update;
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
        PromptInput Prompt, GenerationSettings Settings, IReadOnlyList<AIFunctionDeclaration> Tools, ReplyShape Shape);

    [LoggerMessage(EventId = 10, Level = LogLevel.Trace, Message = "Prompt ({Tokens} tokens, {Images} images): {Prompt}")]
    private partial void LogPrompt(int tokens, int images, string prompt);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug,
        Message = "Conversation {ConversationId} finished ({FinishReason}): prompt {PromptTokens} tokens ({CachedTokens} cached, {EvaluatedTokens} evaluated), {OutputTokens} generated; prompt {PromptMs} ms, generation {GenerationMs} ms")]
    private partial void LogReply(int conversationId, string? finishReason, int promptTokens, int cachedTokens, int evaluatedTokens,
        int outputTokens, long promptMs, long generationMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Trace, Message = "Reply: {Reply}")]
    private partial void LogReplyText(string reply);
}
