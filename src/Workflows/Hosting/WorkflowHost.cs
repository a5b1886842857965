using ClinicalAgent.Fhir;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// Everything a long-running process does for workflows: resumes the instances a previous process left running,
/// runs instances in the background, and runs the triggers (the embedded store's change feed, cron schedules).
/// HTTP and Subscription triggers come in through <see cref="WorkflowEndpoints"/>, which start instances here.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly WorkflowEngineOptions _options;
    private readonly ILoggerFactory _loggers;
    private Task? _feed;
    private Task? _takeOver;
    private ScheduleTrigger? _schedule;

    /// <param name="engine">The engine whose instances the triggers start.</param>
    /// <param name="options">Polling and concurrency.</param>
    /// <param name="gateway">The records the FHIR trigger matches changes against.</param>
    /// <param name="changes">The change feed of <paramref name="gateway"/>, or null when it has none (a remote server): no FHIR trigger then.</param>
    /// <param name="loggers">Where the triggers log.</param>
    public WorkflowHost(WorkflowEngine engine, WorkflowEngineOptions options, IFhirGateway gateway, IFhirChangeFeed? changes, ILoggerFactory? loggers = null)
    {
        Engine = engine;
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        Dispatcher = new WorkflowDispatcher(engine, options.MaxConcurrentInstances, _loggers.CreateLogger<WorkflowDispatcher>());
        // The trigger's poll interval runs on the engine's clock (the registered TimeProvider), as the take-over sweep does.
        FhirTrigger = changes is null
            ? null
            : new FhirChangeTrigger(engine, gateway, changes, Dispatcher.Enqueue, _loggers.CreateLogger<FhirChangeTrigger>(), engine.Services.Time);
    }

    public WorkflowEngine Engine { get; }

    public WorkflowDispatcher Dispatcher { get; }

    /// <summary>The change-feed trigger, when the gateway is the embedded store.</summary>
    public FhirChangeTrigger? FhirTrigger { get; }

    /// <summary>The cron trigger, once started.</summary>
    public ScheduleTrigger? Schedule => _schedule;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // On a shared store the instances other live nodes hold are theirs; this node resumes only the free ones.
        var resumable = Engine.Store.IsShared ? Engine.Store.ClaimableAsync(cancellationToken) : Engine.Store.RunnableAsync(cancellationToken);
        foreach (var id in await resumable.ConfigureAwait(false))
        {
            Dispatcher.Enqueue(id);
        }

        if (FhirTrigger is not null)
        {
            // The first poll sets new cursors at the end of the feed before anything else can write.
            await FhirTrigger.PollAsync(cancellationToken).ConfigureAwait(false);
            var remote = FhirTrigger.FeedScope.Length > 0;
            _feed = FhirTrigger.RunAsync(remote ? _options.RemotePollInterval : _options.PollInterval, _stop.Token);
        }

        // On a shared store the schedule lives in the same database, clustered: one node takes each fire.
        var cluster = Engine.Store.IsShared && _options.Store == Persistence.WorkflowStoreKind.Postgres
            ? new ScheduleCluster(_options.Postgres.Resolve(), _options.MisfireThreshold, _options.ClusterCheckinInterval)
            : null;
        _schedule = new ScheduleTrigger(Engine, Dispatcher.Enqueue, cluster, _loggers.CreateLogger<ScheduleTrigger>());
        await _schedule.StartAsync(cancellationToken).ConfigureAwait(false);
        if (Engine.Store.IsShared && _options.TakeOverInterval > TimeSpan.Zero)
        {
            _takeOver = TakeOverAsync(_options.TakeOverInterval, _stop.Token);
        }
    }

    // A node that died mid-run leaves its instances Running with a lease that runs out; whichever node looks next takes them.
    private async Task TakeOverAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, Engine.Services.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    foreach (var id in await Engine.Store.ClaimableAsync(cancellationToken).ConfigureAwait(false))
                    {
                        Dispatcher.Enqueue(id);
                    }
                }
                catch (System.Data.Common.DbException)
                {
                    // The database did not answer this time; look again at the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Waits until no instance is queued or running (tests, benchmarks): woken by each finished run rather than by
    /// polling; <paramref name="timeout"/> (real time) only bounds a run that never ends.
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan timeout)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFinished(string instanceId)
        {
            if (Dispatcher.IsIdle)
                idle.TrySetResult();
        }

        // Subscribed before looking, so a run that ends between the look and the wait still wakes it.
        Dispatcher.Finished += OnFinished;
        try
        {
            if (Dispatcher.IsIdle)
                return;
            await idle.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Instances still running after {timeout}.");
        }
        finally
        {
            Dispatcher.Finished -= OnFinished;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_feed is not null)
        {
            await _feed.ConfigureAwait(false);
        }

        if (_takeOver is not null)
        {
            await _takeOver.ConfigureAwait(false);
        }

        if (_schedule is not null)
        {
            await _schedule.DisposeAsync().ConfigureAwait(false);
        }

        await Dispatcher.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
