using System.Threading.Channels;
using ClinicalAgent.Fhir;
using ClinicalAgent.Workflows.Tests.Engine;
using ClinicalAgent.Workflows.Triggers;

namespace ClinicalAgent.Workflows.Tests.Triggers;

/// <summary>
/// A FHIR trigger's loop running on a fake clock over a host's store: its cursor set first (as the host does), and
/// started only once the loop has polled and armed its interval's timer, so a write after it is new to the loop.
/// </summary>
internal sealed class RunningLoop : IAsyncDisposable
{
    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private RunningLoop(TimerCountingTimeProvider time) => Time = time;

    public TimerCountingTimeProvider Time { get; }

    public static async Task<RunningLoop> StartAsync(WorkflowTestHost host, IFhirChangeFeed feed, TimeSpan interval)
    {
        var running = new RunningLoop(new TimerCountingTimeProvider(DateTimeOffset.UtcNow));
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, feed, id => running._started.Writer.TryWrite(id), time: running.Time);
        await trigger.PollAsync();
        running._loop = trigger.RunAsync(interval, running._stop.Token);
        await running.Time.WaitForTimersAsync(1, FhirChangeTriggerTests.Bound);
        return running;
    }

    /// <summary>The next instance the loop starts; a timeout when it starts none.</summary>
    public Task<string> NextStartedAsync() => _started.Reader.ReadAsync().AsTask().WaitAsync(FhirChangeTriggerTests.Bound);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.WaitAsync(FhirChangeTriggerTests.Bound);
        _stop.Dispose();
    }
}
