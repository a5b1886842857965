using System.Text.Json.Nodes;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>
/// The <c>fhir</c> trigger on the embedded store: reads the store's change feed from each workflow's cursor, and for
/// every created or updated resource that matches the workflow's search (run by the real search engine with
/// <c>_id</c> added) starts an instance. The trigger key (type/id/version) and the cursor move in the instance's
/// own commit, so each matching event starts exactly one instance, across restarts too. A new workflow starts at
/// the end of the feed: it fires for changes after it was first seen, not for history.
/// </summary>
public sealed partial class FhirChangeTrigger(WorkflowEngine engine, IFhirGateway gateway, IFhirChangeFeed feed, Action<string>? started = null, ILogger? logger = null)
{
    private const int Batch = 500;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Action<string> _started = started ?? (_ => { });

    /// <summary>The cursor name of a workflow's FHIR trigger.</summary>
    public static string CursorName(string workflow) => "fhir:" + workflow;

    /// <summary>
    /// Reads the feed until cancelled: at once after each write this process commits to the store (its Changed
    /// event), and every <paramref name="interval"/> for writes by other processes.
    /// </summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var signal = new SemaphoreSlim(0, 1);
        void OnChanged(object? sender, EventArgs e)
        {
            if (signal.CurrentCount == 0)
            {
                try
                {
                    signal.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled: one read covers both writes.
                }
            }
        }

        feed.Changed += OnChanged;
        try
        {
            await LoopAsync(signal, interval, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            feed.Changed -= OnChanged;
        }
    }

    private async Task LoopAsync(SemaphoreSlim signal, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex.GetType().Name, ex.Message);
            }

            try
            {
                await signal.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads the feed once for every FHIR-triggered workflow; returns the instances started.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var workflow in engine.Catalog.All.Where(w => w.Trigger.Fhir is not null))
        {
            count += await PollWorkflowAsync(workflow, cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private async Task<int> PollWorkflowAsync(WorkflowDefinition workflow, CancellationToken cancellationToken)
    {
        var cursor = CursorName(workflow.Name);
        var position = await engine.Store.GetCursorAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (position is null)
        {
            await engine.Store.SetCursorAsync(cursor, await feed.LatestChangeSequenceAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var criteria = workflow.Trigger.Fhir!;
        var question = criteria.IndexOf('?');
        var type = question < 0 ? criteria : criteria[..question];
        var parameters = question < 0 ? "" : criteria[(question + 1)..];
        var started = 0;
        var changes = await feed.ReadChangesAsync(position.Value, Batch, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            if (change.Type != type || !Wanted(workflow.Trigger.On, change)
                || !await MatchesAsync(type, parameters, change.Id, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var request = new StartRequest(
                Trigger: new JsonObject
                {
                    ["kind"] = "fhir",
                    ["event"] = change.Created ? "created" : "updated",
                    ["type"] = change.Type,
                    ["id"] = change.Id,
                    ["version"] = change.Version,
                    ["reference"] = $"{change.Type}/{change.Id}",
                },
                TriggerKey: $"fhir:{change.Type}/{change.Id}/_history/{change.Version}");
            var (instance, created) = await engine.StartAsync(workflow.Name, request, (cursor, change.Sequence), cancellationToken).ConfigureAwait(false);
            if (created)
            {
                started++;
                LogFired(workflow.Name, instance.Id, change.Sequence);
                _started(instance.Id);
            }
        }

        if (changes.Count > 0)
        {
            await engine.Store.SetCursorAsync(cursor, changes[^1].Sequence, cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    private static bool Wanted(string on, ResourceChange change) => on switch
    {
        "created" => change.Created,
        "updated" => !change.Created,
        _ => true,
    };

    private async Task<bool> MatchesAsync(string type, string parameters, string id, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(parameters.Length == 0 ? $"_id={id}" : $"{parameters}&_id={id}");
        var bundle = await gateway.SearchAsync(type, query, cancellationToken).ConfigureAwait(false);
        return bundle.Entry.Any(e => e.Resource?.TypeName == type && e.Resource.Id == id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR trigger of {Workflow} started instance {InstanceId} (change {Sequence})")]
    private partial void LogFired(string workflow, string instanceId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR trigger poll failed: {Error}: {Message}")]
    private partial void LogPollFailed(string error, string message);
}
