using System.CommandLine;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>audit search [name=value …]</c>: AuditEvents as a searchset Bundle, like <c>fhir search</c>.</summary>
public static class AuditSearchCommand
{
    public static Command Create(CliContext context)
    {
        var parameters = new Argument<string[]>("parameters")
        {
            Description = "AuditEvent search parameters as name=value, e.g. patient=Patient/S1104961 subtype=read date=ge2026-01-01 _sort=-date _count=20.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var lenient = new Option<bool>("--lenient") { Description = "Ignore unknown or unsupported parameters instead of failing." };
        var command = new Command("search", "Search the audit store (Audit:Database) and print the searchset Bundle of AuditEvents as FHIR JSON.") { parameters, lenient };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var query = SearchQuery.FromArguments(parse.GetValue(parameters) ?? [], parse.GetValue(lenient));
            await using var host = context.BuildHost(parse);
            var log = ExistingLog(host.Services);
            var bundle = await log.SearchAsync(query, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(FhirJson.Serialize(bundle, pretty: true)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>The audit log, refusing to create an empty one where nothing was ever recorded.</summary>
    internal static AuditLog ExistingLog(IServiceProvider services)
    {
        var log = services.GetRequiredService<AuditLog>();
        return File.Exists(log.DatabasePath)
            ? log
            : throw new ArgumentException($"No audit store at {log.DatabasePath}: nothing has been recorded there yet (Audit:Database sets another file).");
    }
}
