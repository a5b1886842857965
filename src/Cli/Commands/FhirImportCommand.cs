using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Fhir.Import;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>fhir import PATH [--references strict|lenient] [--on-duplicate update|skip|create]</c>: Bundles and NDJSON from a
/// file or a folder, each file all-or-nothing (a batch entry by entry).
/// </summary>
public static class FhirImportCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A FHIR JSON file (Bundle or resource), an NDJSON file, or a folder of them (e.g. Synthea's fhir/ output)." };
        var references = new Option<string?>("--references")
        {
            Description = "strict (default): a conditional or urn:uuid reference that resolves to nothing fails its file; lenient: it is kept as a logical reference and counted (Fhir:Import:References).",
        };
        references.AcceptOnlyFromAmong("strict", "lenient");
        var duplicates = new Option<string?>("--on-duplicate")
        {
            Description = "A resource the store holds already (same id or identifier): update it (default), skip it, or create another (Fhir:Import:OnDuplicate).",
        };
        duplicates.AcceptOnlyFromAmong("update", "skip", "create");
        var command = new Command("import", "Import FHIR R4 Bundles (transaction, batch, collection) and NDJSON into the store (or the --fhir server).") { path, references, duplicates };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse, Settings(parse.GetValue(references), parse.GetValue(duplicates)));
            // The embedded store, or with --fhir a server: the importer writes through the gateway either way.
            await host.OpenRecordsAsync(seedIfMissing: false, cancellationToken).ConfigureAwait(false);
            var importer = host.Services.GetRequiredService<FhirImporter>();
            var result = await ProgressReporter.RunAsync(
                context.Error,
                "Importing",
                progress => importer.ImportAsync(parse.GetValue(path)!, new Progress<ImportProgress>(p => progress.Report(p.Resources)), cancellationToken)).ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                await context.Error.WriteLineAsync($"error: {failure.File}: {failure.Error}").ConfigureAwait(false);
            }

            if (result.KeptReferences > 0)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"warning: kept {result.KeptReferences:N0} references that resolve to nothing (--references lenient), as logical references (type and identifier).")).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Resources:N0} resources ({result.Created:N0} created, {result.Updated:N0} updated, {result.Skipped:N0} skipped) from {result.Files - result.FailedFiles} of {result.Files} files into the {host.RecordsName}.")).ConfigureAwait(false);
            return result.Succeeded ? 0 : 1;
        }));
        return command;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(string? references, string? duplicates)
    {
        if (references is not null)
            yield return new($"{FhirImportOptions.SectionName}:References", references);
        if (duplicates is not null)
            yield return new($"{FhirImportOptions.SectionName}:OnDuplicate", duplicates);
    }
}
