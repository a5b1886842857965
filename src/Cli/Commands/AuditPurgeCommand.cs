using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>audit purge</c>: removes AuditEvents older than <c>Audit:Retention</c> now, as the server does daily.</summary>
public static class AuditPurgeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("purge", "Remove the AuditEvents older than Audit:Retention (default 6 years) from the audit store.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            var log = AuditSearchCommand.ExistingLog(host.Services);
            var removed = await log.PurgeAsync(cancellationToken).ConfigureAwait(false);
            var retention = host.Services.GetRequiredService<IOptions<ClinicalAgent.Fhir.Audit.AuditOptions>>().Value.Retention;
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Removed {removed:N0} audit events older than {retention.TotalDays:0.##} days from {log.DatabasePath}.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
