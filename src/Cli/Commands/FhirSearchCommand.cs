using System.CommandLine;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir search Type name=value …</c>: a searchset Bundle as FHIR JSON.</summary>
public static class FhirSearchCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Argument<string>("type") { Description = "The resource type, e.g. Observation." };
        var parameters = new Argument<string[]>("parameters")
        {
            Description = "Search parameters as name=value, e.g. patient=S1234567 code=http://loinc.org|2823-3 _sort=-date _count=1. Quote values with | in a shell.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var lenient = new Option<bool>("--lenient") { Description = "Ignore unknown or unsupported parameters instead of failing." };
        var command = new Command("search", "Search the store and print the searchset Bundle as FHIR JSON.") { type, parameters, lenient };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var query = SearchQuery.FromArguments(parse.GetValue(parameters) ?? [], parse.GetValue(lenient));
            await using var host = context.BuildHost(parse);
            var store = await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var bundle = await store.SearchAsync(parse.GetValue(type)!, query, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(FhirJson.Serialize(bundle, pretty: true)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
