using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// The agent loop: asks the model, runs the tools it calls itself (no function-invocation middleware, so
/// the loop sees and bounds every call), feeds the results back and repeats until a text answer, the
/// step limit, a run of identical calls, or cancellation. Tool failures reach the model as
/// <c>{"error": "..."}</c> results; they never end the run.
/// </summary>
public sealed class ClinicalAgentRunner
{
    private readonly IChatClient _client;
    private readonly AgentRunOptions _defaults;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner over <paramref name="client"/> with default run options.</summary>
    public ClinicalAgentRunner(IChatClient client, IOptions<AgentRunOptions>? options = null, ILogger<ClinicalAgentRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaults = options?.Value ?? new AgentRunOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Answers <paramref name="question"/> from the record through <paramref name="tools"/>: a conversation of one turn.</summary>
    /// <param name="question">The user's question.</param>
    /// <param name="tools">The tools the model may call, by their <see cref="AITool.Name"/>.</param>
    /// <param name="options">Options for this run, replacing the registered defaults; null for the defaults.</param>
    /// <param name="cancellationToken">Passed to the model and the tools; a cancelled run returns what it
    /// traced so far with <see cref="AgentStoppedReason.Cancelled"/>.</param>
    /// <exception cref="ArgumentException">Two tools share a name, or <see cref="AgentRunOptions.MaxSteps"/> is below 1.</exception>
    public Task<AgentAnswer> AskAsync(
        string question, IReadOnlyList<AIFunction> tools, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        return StartConversation(tools, options).AskAsync(question, null, cancellationToken);
    }

    /// <summary>Starts a conversation whose turns see the earlier ones (the <c>chat</c> REPL).</summary>
    /// <param name="tools">The tools the model may call, by their <see cref="AITool.Name"/>.</param>
    /// <param name="options">Options for every turn, replacing the registered defaults; null for the defaults.</param>
    /// <exception cref="ArgumentException">Two tools share a name, or <see cref="AgentRunOptions.MaxSteps"/> is below 1.</exception>
    public AgentConversation StartConversation(IReadOnlyList<AIFunction> tools, AgentRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var run = (options ?? _defaults).Clone();
        ArgumentOutOfRangeException.ThrowIfLessThan(run.MaxSteps, 1, nameof(options));
        var duplicate = tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two tools are named '{duplicate.Key}'.", nameof(tools));

        var byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return new AgentConversation(_client, run, byName, _logger, _time);
    }
}
