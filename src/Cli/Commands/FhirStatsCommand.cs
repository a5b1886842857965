using System.CommandLine;
using System.Globalization;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir stats</c>: resource counts by type, the store's path and size.</summary>
public static class FhirStatsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("stats", "Print how many resources of each type the store holds.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            var store = await host.OpenEmbeddedAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var counts = await store.CountByTypeAsync(cancellationToken).ConfigureAwait(false);
            var width = counts.Keys.Select(k => k.Length).DefaultIfEmpty(5).Max();
            foreach (var (type, count) in counts)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{type.PadRight(width)}  {count,10:N0}")).ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"Total".PadRight(width)}  {counts.Values.Sum(),10:N0}")).ConfigureAwait(false);
            var now = await store.GetSettingAsync(Seeding.NowSetting, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Store {store.DatabasePath}, {store.DatabaseBytes() / 1048576.0:F1} MB{(now is null ? "" : $", synthetic now {now}")}.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
