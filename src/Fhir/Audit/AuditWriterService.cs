using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// While the host runs: writes buffered AuditEvents in batches as they arrive, and purges those past
/// <see cref="AuditOptions.Retention"/> at start and once a day (by the host's <see cref="TimeProvider"/>). On stop it
/// writes everything still buffered.
/// </summary>
internal sealed partial class AuditWriterService(AuditChannel channel, AuditLog log, TimeProvider time, ILogger<AuditWriterService> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromDays(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before anything is served, so a store that outlived its retention never answers with expired events.
        await PurgeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await channel.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WriteLoopAsync(stoppingToken), PurgeLoopAsync(stoppingToken));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await channel.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                await channel.DrainAsync(untilEmpty: false, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PurgeInterval, time, stoppingToken).ConfigureAwait(false);
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var removed = await log.PurgeAsync(cancellationToken).ConfigureAwait(false);
            if (removed > 0)
                Purged(logger, removed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PurgeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} audit events past their retention")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired audit events failed")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);
}
