using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// A conversation with the agent: each <see cref="AskAsync"/> is one turn that sees the earlier answered
/// turns (their questions, tool calls, results and answers), so a follow-up like "and the one before?" works.
/// A turn that ends without an answer (step limit, repeats, cancellation, error) leaves nothing behind, so
/// the history never holds a tool call without its result. When the history no longer fits the model's
/// context, the oldest turns are dropped first. Turns run one at a time.
/// </summary>
public sealed class AgentConversation
{
    private readonly IChatClient _client;
    private readonly AgentRunOptions _options;
    private readonly IReadOnlyDictionary<string, AIFunction> _tools;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConversationHistory _history;
    private int _busy;

    internal AgentConversation(IChatClient client, AgentRunOptions options, IReadOnlyDictionary<string, AIFunction> tools, ILogger logger, TimeProvider time)
    {
        _client = client;
        _options = options;
        _tools = tools;
        _logger = logger;
        _time = time;
        _history = new ConversationHistory(options);
    }

    /// <summary>An opaque id of this conversation (<c>gen_ai.conversation.id</c> on each turn's span), unrelated to the record.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The patient this conversation is about, or null.</summary>
    public string? PatientId => _options.PatientId;

    /// <summary>Turns answered and still in the history (dropped ones not counted).</summary>
    public int AnsweredTurns => _history.TurnCount;

    /// <summary>Asks one question in this conversation.</summary>
    /// <param name="question">The user's question.</param>
    /// <param name="observer">Receives the streamed answer and each finished step; null for none.</param>
    /// <param name="cancellationToken">Cancels this turn only: it returns with <see cref="AgentStoppedReason.Cancelled"/>
    /// and the conversation stays usable.</param>
    /// <exception cref="ConversationBusyException">Another turn of this conversation is still running.</exception>
    public async Task<AgentAnswer> AskAsync(string question, AgentTurnObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (Interlocked.Exchange(ref _busy, 1) == 1)
            throw new ConversationBusyException();
        try
        {
            var turn = new AgentTurn(_client, _options, _tools, _history, observer, _logger, _time, Id);
            return await turn.RunAsync(question, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
