using System.Net;
using ClinicalAgent.Fhir.Import.Dicom;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// Imports FHIR R4 data from a file or a folder: Bundles (transaction and batch as such; collection and other types
/// as a transaction of their entries), single resources, and NDJSON (one resource per line, as bulk export writes);
/// and DICOM Part 10 files (<c>.dcm</c>) as Binary + ImagingStudy (see <see cref="DicomImporter"/>).
/// </summary>
/// <remarks>
/// Three passes: a quick scan of every file (ids, identifiers, fullUrls; a file of FHIR STU3 or DSTU2 is named as
/// such), a plan that gives every resource its id in the store (matched to one held already by id or identifier, per
/// <see cref="FhirImportOptions.OnDuplicate"/>), then the writes, file by file, with every reference rewritten to
/// the planned ids — so conditional references across files (Synthea's patient bundles refer to its practitioner
/// and hospital files) and in NDJSON resolve in any order. Each file is atomic, but for a batch, whose entries
/// stand alone; a file that refers to one not written yet is retried after the others, and NDJSON files that still
/// wait only on each other (a reference cycle across files) are written in one transaction.
/// </remarks>
public sealed class FhirImporter(IFhirGateway gateway, FhirImportOptions? options = null)
{
    private readonly FhirImportOptions _options = options ?? new FhirImportOptions();

    public async Task<ImportResult> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var all = FilesOf(path);
        var dicom = all.Where(f => IsDicom(f) || (all.Count == 1 && HasDicomMagic(f))).ToList();
        var files = all.Except(dicom).ToList();
        var scanned = files.Select(f => ImportScanner.Scan(f, _options.Utf8Lines, _options.ParallelScan)).ToList();
        var lookup = new StoreLookup(gateway, _options.ParallelScan);
        await lookup.LoadAsync(scanned.Where(f => f.Error is null), cancellationToken).ConfigureAwait(false);
        var planner = new ImportPlanner(lookup, _options.OnDuplicate);
        var plans = scanned.Select(planner.Plan).ToList();
        var resolver = new ReferenceResolver(gateway, planner, _options.References);
        await resolver.PrepareAsync(plans.Where(p => p.Error is null).SelectMany(p => p.File.Conditionals), cancellationToken).ConfigureAwait(false);
        var writer = new ImportFileWriter(gateway, resolver, _options.Utf8Lines, _options.ParseAhead);

        var failures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var total = FileOutcome.Empty;
        var pending = new Queue<FilePlan>(plans);
        var done = 0;
        while (pending.Count > 0)
        {
            var retry = new Queue<FilePlan>();
            var progressed = false;
            while (pending.TryDequeue(out var plan))
            {
                progress?.Report(new ImportProgress(done, files.Count, total.Created + total.Updated, plan.File.Path));
                try
                {
                    var outcome = await writer.WriteAsync(plan, cancellationToken).ConfigureAwait(false);
                    total = new FileOutcome(total.Created + outcome.Created, total.Updated + outcome.Updated, total.Skipped + outcome.Skipped, total.Kept + outcome.Kept, []);
                    failures.Remove(plan.File.Path);
                    if (outcome.FailedEntries.Count > 0)
                    {
                        failures[plan.File.Path] = [.. outcome.FailedEntries];
                    }

                    progressed = true;
                    done++;
                }
                catch (FhirGatewayException ex)
                {
                    failures[plan.File.Path] = [ex.Message];
                    if (ex.Status == HttpStatusCode.UnprocessableEntity && plan.Error is null)
                    {
                        retry.Enqueue(plan); // may refer to a file not written yet
                    }
                    else
                    {
                        done++;
                    }
                }
            }

            if (!progressed && retry.Count > 1
                && await TogetherAsync(writer, [.. retry], cancellationToken).ConfigureAwait(false) is { } together)
            {
                total = new FileOutcome(total.Created + together.Created, total.Updated + together.Updated, total.Skipped + together.Skipped, total.Kept + together.Kept, []);
                foreach (var plan in retry)
                    failures.Remove(plan.File.Path);
                done += retry.Count;
                retry.Clear();
            }

            pending = progressed ? retry : new Queue<FilePlan>();
        }

        // DICOM after the JSON files: their studies are placed on patients those files may bring.
        if (dicom.Count > 0)
        {
            var (outcome, dicomFailures) = await new DicomImporter(gateway, _options.OnDuplicate)
                .ImportAsync(dicom, file => progress?.Report(new ImportProgress(done, all.Count, total.Created + total.Updated, file)), cancellationToken)
                .ConfigureAwait(false);
            total = new FileOutcome(total.Created + outcome.Created, total.Updated + outcome.Updated, total.Skipped + outcome.Skipped, total.Kept, []);
            foreach (var failure in dicomFailures)
            {
                if (!failures.TryGetValue(failure.File, out var list))
                {
                    failures[failure.File] = list = [];
                }

                list.Add(failure.Error);
            }
        }

        progress?.Report(new ImportProgress(all.Count, all.Count, total.Created + total.Updated, ""));
        return new ImportResult(all.Count, total.Created, total.Updated, total.Skipped, total.Kept,
            [.. failures.SelectMany(f => f.Value.Select(error => new ImportFailure(f.Key, error)))]);
    }

    // DICOM by extension, or a single named file with DICM at byte 128 (a folder's other files are not sniffed).
    private static bool IsDicom(string file) =>
        file.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".dicom", StringComparison.OrdinalIgnoreCase);

    private static bool HasDicomMagic(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[132];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan(128).SequenceEqual("DICM"u8);
    }

    /// <summary>The stalled files in one transaction; null when they cannot be, or still fail (their own errors stand).</summary>
    private static async Task<FileOutcome?> TogetherAsync(ImportFileWriter writer, IReadOnlyList<FilePlan> stalled, CancellationToken cancellationToken)
    {
        try
        {
            return await writer.WriteTogetherAsync(stalled, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException)
        {
            return null;
        }
    }

    // Shared resources first: Synthea writes hospitals and practitioners to their own files, which patients refer to.
    private static List<string> FilesOf(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw FhirGatewayException.NotFound($"No file or folder at {path}.");
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || IsDicom(f))
            .OrderBy(f => Path.GetFileName(f).StartsWith("hospital", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f).StartsWith("practitioner", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}
