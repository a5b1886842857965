using System.Collections.Concurrent;
using System.Threading.Channels;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// Runs instances in the background: triggers and endpoints enqueue an instance id, a fixed number of workers run
/// them. An id already queued or running is not queued again.
/// </summary>
public sealed partial class WorkflowDispatcher : IAsyncDisposable
{
    private readonly WorkflowEngine _engine;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ILogger _logger;

    public WorkflowDispatcher(WorkflowEngine engine, int workers, ILogger? logger = null)
    {
        _engine = engine;
        _logger = logger ?? NullLogger.Instance;
        _workers = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Queues <paramref name="instanceId"/> to run.</summary>
    public void Enqueue(string instanceId)
    {
        if (_pending.TryAdd(instanceId, 0))
        {
            _queue.Writer.TryWrite(instanceId);
        }
    }

    /// <summary>Whether nothing is queued or running.</summary>
    public bool IsIdle => _pending.IsEmpty;

    /// <summary>
    /// Raised on the worker after a run of an instance returns (completed, failed, or waiting for an approval or a
    /// timer) and the instance has left the queue, so <see cref="IsIdle"/> already counts it out.
    /// </summary>
    public event Action<string>? Finished;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _engine.RunAsync(id, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // Stopping: the instance stays Running at its checkpoint and is resumed by the next host.
                    return;
                }
                catch (Exception ex)
                {
                    LogRunFailed(id, ex.GetType().Name);
                }
                finally
                {
                    _pending.TryRemove(id, out _);
                    Finished?.Invoke(id);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId}: the run stopped with {Error}")]
    private partial void LogRunFailed(string instanceId, string error);
}
