using System.CommandLine;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir get Type/id[/_history/v]</c>: one resource as FHIR JSON.</summary>
public static class FhirGetCommand
{
    public static Command Create(CliContext context)
    {
        var reference = new Argument<string>("reference") { Description = "Type/id, or Type/id/_history/version for one version." };
        var command = new Command("get", "Print one resource as FHIR JSON.") { reference };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var parts = parse.GetValue(reference)!.Trim('/').Split('/');
            if (parts.Length is not (2 or 4) || (parts.Length == 4 && parts[2] != "_history"))
            {
                throw FhirGatewayException.BadRequest($"'{parse.GetValue(reference)}' is not Type/id or Type/id/_history/version.");
            }

            await using var host = context.BuildHost(parse);

            var store = await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var resource = parts.Length == 2
                ? await store.ReadAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false)
                : await store.VReadAsync(parts[0], parts[1], parts[3], cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(FhirJson.Serialize(resource, pretty: true)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
