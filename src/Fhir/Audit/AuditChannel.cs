using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The buffered sink: a bounded channel that <see cref="AuditWriterService"/> drains in batches (one transaction each),
/// so an audited request costs no synchronous write. A full buffer makes the caller wait up to
/// <see cref="AuditOptions.FullBufferWait"/>; past that the event is counted and logged as lost. Disposing it writes
/// what is left, so a command that never runs the writer (the CLI) still keeps its events.
/// </summary>
internal sealed partial class AuditChannel : IAuditSink, IAsyncDisposable, IDisposable
{
    private readonly Channel<AuditRecord> _channel;
    private readonly AuditLog _log;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _drain = new(1, 1);
    private long _lost;
    private int _disposed;

    public AuditChannel(AuditLog log, AuditOptions options, TimeProvider time, ILogger<AuditChannel> logger)
    {
        _log = log;
        _options = options;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(Math.Max(1, options.BufferCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Events that could not be kept (a full buffer past the wait, a failed write, a closed sink).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Waits until something can be read; false once the sink is closed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public async ValueTask RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stamped = record with { Recorded = _time.GetUtcNow() };
        if (_channel.Writer.TryWrite(stamped))
            return;

        // Not the caller's token: an aborted request was still an access, and its event must not vanish with it.
        using var timeout = new CancellationTokenSource(_options.FullBufferWait);
        try
        {
            await _channel.Writer.WriteAsync(stamped, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Lose([stamped], "the buffer stayed full");
        }
        catch (ChannelClosedException)
        {
            Lose([stamped], "the audit log was closed");
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => DrainAsync(untilEmpty: true, cancellationToken);

    /// <summary>Writes one batch (or, with <paramref name="untilEmpty"/>, everything) waiting now. Serialised, so
    /// what was recorded before a flush began is written when it ends.</summary>
    public async Task DrainAsync(bool untilEmpty, CancellationToken cancellationToken)
    {
        await _drain.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = new List<AuditRecord>(_options.BatchSize);
            do
            {
                batch.Clear();
                while (batch.Count < Math.Max(1, _options.BatchSize) && _channel.Reader.TryRead(out var record))
                    batch.Add(record);
                if (batch.Count == 0)
                    return;
                try
                {
                    await _log.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    WriteFailed(_logger, ex, batch.Count);
                    Lose(batch, "the audit store refused the write");
                }
            }
            while (untilEmpty);
        }
        finally
        {
            _drain.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _channel.Writer.TryComplete();
        await DrainAsync(untilEmpty: true, CancellationToken.None).ConfigureAwait(false);
        _drain.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Lose(IReadOnlyList<AuditRecord> records, string reason)
    {
        var total = Interlocked.Add(ref _lost, records.Count);
        foreach (var record in records)
        {
            // Ids only: the interaction, the patient's id and the references.
            EventLost(_logger, reason, record.Kind, record.Subtype, record.PatientId, string.Join(' ', record.Resources), total);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event lost ({Reason}): {Kind} {Subtype}, patient {Patient}, resources {Resources}; {Total} lost since start")]
    private static partial void EventLost(ILogger logger, string reason, AuditKind kind, string subtype, string? patient, string resources, long total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} audit events failed")]
    private static partial void WriteFailed(ILogger logger, Exception exception, int count);
}
