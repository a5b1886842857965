using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>fhir seed</c>: deterministic synthetic patients into the store, or with <c>--out</c> as files: NDJSON (one file),
/// a Synthea-style <c>fhir/</c> folder (<c>--format synthea</c>) or a bulk-export folder (<c>--format bulk</c>).
/// </summary>
public static class FhirSeedCommand
{
    public static Command Create(CliContext context)
    {
        var patients = new Option<int>("--patients") { Description = "How many patients.", DefaultValueFactory = _ => CliContext.DefaultPatients };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed, count and now give byte-identical data.", DefaultValueFactory = _ => CliContext.DefaultSeed };
        var now = new Option<string?>("--now") { Description = "The clinical 'now' the records lead up to (ISO 8601, e.g. 2023-11-13T10:15:00Z). Default: the current minute." };
        var output = new Option<string?>("--out") { Description = "Write to this file (ndjson) or folder (synthea, bulk) instead of the store." };
        var format = new Option<string>("--format")
        {
            Description = "With --out: ndjson (one file), synthea (Synthea's fhir/ folder: a transaction Bundle per patient, practitionerInformation*.json and hospitalInformation*.json, conditional references), bulk (one NDJSON file per type, practitioners by conditional reference).",
            DefaultValueFactory = _ => "ndjson",
        };
        format.AcceptOnlyFromAmong("ndjson", "synthea", "bulk");
        var style = new Option<SyntheticStyle>("--style")
        {
            Description = "standard: tidy records; synthea: shaped like real exports (BP components diastolic first, several LOINC codes per lab, "
                + "Medication resources by reference, deceased patients, survey panels); medagentbench: standard records plus MedAgentBench's lab codes "
                + "K, MG, GLU, A1C beside LOINC, so its official graders' searches find them (--now defaults to its 2023-11-13T10:15:00+00:00).",
            DefaultValueFactory = _ => SyntheticStyle.Standard,
        };
        var noImages = new Option<bool>("--no-images")
        {
            Description = "Leave out the images (chest radiographs, chest CT, skin photographs) one patient in four gets; every other resource stays the same.",
        };
        var command = new Command("seed", "Generate synthetic patients (labs, vitals, problems, medications, notes, images, …) into the store.")
        {
            patients, seed, now, output, format, style, noImages,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var count = parse.GetValue(patients);
            if (count < 1)
            {
                throw new ArgumentException("--patients must be at least 1.");
            }

            if (parse.GetValue(output) is null && parse.GetResult(format) is { Implicit: false })
            {
                throw new ArgumentException("--format chooses what --out writes; pass --out PATH with it.");
            }

            var chosenStyle = parse.GetValue(style);
            var options = new SyntheticOptions(count, parse.GetValue(seed), ParseNow(parse.GetValue(now), chosenStyle), chosenStyle, Images: !parse.GetValue(noImages));
            if (parse.GetValue(output) is { } target)
            {
                var findings = new List<SyntheticImageFinding>();
                var resources = new SyntheticPatientGenerator(options).Generate(findings);
                switch (parse.GetValue(format))
                {
                    case "synthea":
                        SyntheaExportWriter.Write(resources, target, options.Now);
                        break;
                    case "bulk":
                        BulkExportWriter.Write(resources, target);
                        break;
                    default:
                        await using (var stream = File.Create(target))
                        {
                            SyntheticNdjsonWriter.Write(resources, stream);
                        }

                        break;
                }

                // Beside the output, never inside a folder an import reads: the ground truth is not part of the record.
                var sidecar = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, SyntheticImageFindings.FileName);
                await File.WriteAllTextAsync(sidecar, SyntheticImageFindings.ToJson(findings), cancellationToken).ConfigureAwait(false);
                await context.Error.WriteLineAsync($"Wrote {count} patients to {Path.GetFullPath(target)}; the ground truth of their {findings.Count} images to {sidecar}.").ConfigureAwait(false);
                return 0;
            }

            await using var host = context.BuildHost(parse);

            var store = await host.OpenEmbeddedAsync(seedIfMissing: false, cancellationToken).ConfigureAwait(false);
            await Seeding.SeedAsync(store, options, context, cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static DateTimeOffset ParseNow(string? text, SyntheticStyle style)
    {
        if (text is null)
        {
            // The official graders hard-code MedAgentBench's now: a store for them is about that moment.
            return style == SyntheticStyle.MedAgentBench ? BenchTask.MedAgentBenchNow : Seeding.DefaultNow();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? now
            : throw new ArgumentException($"--now '{text}' is not an ISO 8601 date-time such as 2023-11-13T10:15:00Z.");
    }
}
