using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Fhir.Import;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir import PATH</c>: Bundles and NDJSON from a file or a folder, each file all-or-nothing.</summary>
public static class FhirImportCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A FHIR JSON file (Bundle or resource), an NDJSON file, or a folder of them (e.g. Synthea's fhir/ output)." };
        var command = new Command("import", "Import FHIR R4 Bundles (transaction, batch, collection) and NDJSON into the store.") { path };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            var store = await host.OpenEmbeddedAsync(seedIfMissing: false, cancellationToken).ConfigureAwait(false);
            var importer = new FhirImporter(store);
            var result = await ProgressReporter.RunAsync(
                context.Error,
                "Importing",
                progress => importer.ImportAsync(parse.GetValue(path)!, new Progress<ImportProgress>(p => progress.Report(p.Resources)), cancellationToken)).ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                await context.Error.WriteLineAsync($"error: {failure.File}: {failure.Error}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Resources:N0} resources from {result.Files - result.Failures.Count} of {result.Files} files into {store.DatabasePath}.")).ConfigureAwait(false);
            return result.Succeeded ? 0 : 1;
        }));
        return command;
    }
}
