using System.Text.Json.Nodes;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Steps;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>
/// The <c>fhir</c> trigger: reads the change feed (the embedded store's, or a remote server's polled
/// <c>_lastUpdated</c>) from each workflow's cursor, and for every created or updated resource that matches the
/// workflow's search (run by the server with <c>_id</c> added) starts an instance. The trigger key (type/id/version)
/// and the cursor move in the instance's own commit, so each matching version starts exactly one instance, across
/// restarts too; a remote feed's repeats are skipped by the same key. A new workflow starts at the end of the feed:
/// it fires for changes after it was first seen, not for history.
/// </summary>
/// <param name="engine">The engine that starts the instances and keeps the cursors.</param>
/// <param name="gateway">The records a change is matched against (the workflow's search).</param>
/// <param name="feed">The change feed read from each workflow's cursor.</param>
/// <param name="started">Called with each instance started (the host queues it to run).</param>
/// <param name="logger">Where fires and failed polls are logged (ids only).</param>
/// <param name="time">The clock the poll interval runs on (<see cref="TimeProvider.System"/> when null; the host passes the engine's, so a fake clock drives it in tests).</param>
public sealed partial class FhirChangeTrigger(
    WorkflowEngine engine, IFhirGateway gateway, IFhirChangeFeed feed, Action<string>? started = null, ILogger? logger = null, TimeProvider? time = null)
{
    private const int Batch = 500;

    /// <summary>
    /// Ids asked about in one match search: 50 keeps a remote server's URL short and the answer one page; the
    /// benchmark sets 1 to measure the one-search-per-change way beside it.
    /// </summary>
    internal int MatchChunk { get; set; } = 50;

    /// <summary>
    /// Instances started in one store commit (with the cursor): a whole read batch by default, since one commit per
    /// change was most of the lag under a steady stream of writes; the benchmark sets 1 to measure that way beside it.
    /// </summary>
    internal int StartChunk { get; set; } = Batch;

    /// <summary>Keys a workflow handled lately, so a remote feed's overlap is not matched again at every poll.</summary>
    private const int RecentCapacity = 20_000;

    private readonly Dictionary<string, RecentKeys> _recent = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Action<string> _started = started ?? (_ => { });
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// The cursor name of a workflow's FHIR trigger on a feed of <paramref name="scope"/> (empty for the embedded
    /// store): a cursor kept against one server never positions the trigger on another.
    /// </summary>
    public static string CursorName(string workflow, string scope = "") => scope.Length == 0 ? "fhir:" + workflow : $"fhir:{workflow}@{scope}";

    /// <summary>The scope of the feed this trigger reads: empty for the embedded store, the base URL of a remote server.</summary>
    public string FeedScope => feed.CursorScope;

    /// <summary>The trigger key of a change: its version, or its time where the server keeps no version ids.</summary>
    public static string TriggerKey(ResourceChange change) => change.Version > 0
        ? $"fhir:{change.Type}/{change.Id}/_history/{change.Version}"
        : $"fhir:{change.Type}/{change.Id}@{change.Sequence}";

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
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // stopping in the middle of a poll (a remote server's request) is a normal stop
            }
            catch (Exception ex)
            {
                LogPollFailed(ex.GetType().Name, ex.Message);
            }

            // The interval runs on the trigger's clock (a timer of its TimeProvider), not on the semaphore's own timeout.
            using var elapsed = new CancellationTokenSource(interval, _time);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, elapsed.Token);
            try
            {
                await signal.WaitAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The interval passed without a write in this process: poll for other processes' writes.
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
        var cursor = CursorName(workflow.Name, feed.CursorScope);
        var criteria = workflow.Trigger.Fhir!;
        var question = criteria.IndexOf('?');
        var type = question < 0 ? criteria : criteria[..question];
        var parameters = question < 0 ? "" : criteria[(question + 1)..];
        string[] types = [type];
        if (!_recent.TryGetValue(workflow.Name, out var recent))
        {
            _recent[workflow.Name] = recent = new RecentKeys(RecentCapacity);
        }

        var position = await engine.Store.GetCursorAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (position is null)
        {
            var latest = await feed.LatestChangeSequenceAsync(types, cancellationToken).ConfigureAwait(false);

            // A remote feed reads back over its overlap: what it holds now is history, not new.
            foreach (var existing in await feed.ReadChangesAsync(latest, Batch, types, cancellationToken).ConfigureAwait(false))
            {
                recent.Add(TriggerKey(existing));
            }

            await engine.Store.SetCursorAsync(cursor, latest, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var changes = await feed.ReadChangesAsync(position.Value, Batch, types, cancellationToken).ConfigureAwait(false);
        var candidates = changes.Where(c => c.Type == type && Wanted(workflow.Trigger.On, c) && !recent.Contains(TriggerKey(c))).ToList();
        var matching = await MatchingAsync(type, parameters, candidates.Select(c => c.Id), cancellationToken).ConfigureAwait(false);
        var starts = new List<(ResourceChange Change, StartRequest Request)>();
        foreach (var change in changes)
        {
            var key = TriggerKey(change);
            if (change.Type != type || !Wanted(workflow.Trigger.On, change) || recent.Contains(key) || !matching.TryGetValue(change.Id, out var matched))
            {
                recent.Add(key);
                continue;
            }

            starts.Add((change, Request(change, key, matched)));
        }

        var started = 0;
        var chunks = starts.Chunk(StartChunk).ToList();
        foreach (var chunk in chunks)
        {
            // One commit for the chunk's instances and the cursor: past the whole read batch with the last chunk, since
            // nothing after its last start matched. A remote feed re-reads its overlap, so the cursor never moves back.
            var through = chunk == chunks[^1] ? changes[^1].Sequence : chunk[^1].Change.Sequence;
            var results = await engine.StartManyAsync(workflow.Name, chunk.Select(s => s.Request).ToList(), (cursor, Math.Max(position.Value, through)), cancellationToken)
                .ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                recent.Add(chunk[i].Request.TriggerKey!);
                var (instance, created) = results[i];
                if (created)
                {
                    started++;
                    LogFired(workflow.Name, instance.Id, chunk[i].Change.Sequence);
                    _started(instance.Id);
                }
            }
        }

        if (starts.Count == 0 && changes.Count > 0 && changes[^1].Sequence > position.Value)
        {
            await engine.Store.SetCursorAsync(cursor, changes[^1].Sequence, cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    private static StartRequest Request(ResourceChange change, string key, Resource matched)
    {
        var trigger = new JsonObject
        {
            ["kind"] = "fhir",
            ["event"] = change.Created ? "created" : "updated",
            ["type"] = change.Type,
            ["id"] = change.Id,
            ["version"] = change.Version,
            ["reference"] = $"{change.Type}/{change.Id}",
        };

        // The match search returned the resource as it is now: its patient is what the engine would read it
        // again for. Without one the engine still looks (and finds none), so the instance's variables are the same.
        var patient = FhirFacts.PatientId(FhirFacts.ToJson(matched));
        if (patient is not null)
            trigger["patient"] = patient;
        return new StartRequest(PatientId: patient, Trigger: trigger, TriggerKey: key);
    }

    private static bool Wanted(string on, ResourceChange change) => on switch
    {
        "created" => change.Created,
        "updated" => !change.Created,
        _ => true,
    };

    /// <summary>
    /// Which of <paramref name="ids"/> match the workflow's search now, with the resources the search returned: one
    /// search per <see cref="MatchChunk"/> ids (<c>_id=a,b,c</c>) rather than one per change, which under a steady
    /// stream of writes was most of the lag.
    /// </summary>
    private async Task<Dictionary<string, Resource>> MatchingAsync(string type, string parameters, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var matching = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(MatchChunk))
        {
            var filter = $"_id={string.Join(',', chunk)}&_count={chunk.Length}";
            var query = SearchQuery.Parse(parameters.Length == 0 ? filter : $"{parameters}&{filter}");
            var bundle = await gateway.SearchAsync(type, query, cancellationToken).ConfigureAwait(false);
            foreach (var entry in bundle.Entry)
            {
                if (entry.Resource?.TypeName == type && entry.Resource.Id is { } id)
                    matching[id] = entry.Resource;
            }
        }

        return matching;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR trigger of {Workflow} started instance {InstanceId} (change {Sequence})")]
    private partial void LogFired(string workflow, string instanceId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR trigger poll failed: {Error}: {Message}")]
    private partial void LogPollFailed(string error, string message);
}
