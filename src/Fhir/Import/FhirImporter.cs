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
/// wait only on each other (a reference cycle across files) are written in one transaction. Into the embedded store,
/// consecutive Bundle files whose every entry the plan decided (Synthea's folder) go in one load, as one NDJSON file
/// does, up to <see cref="FhirImportOptions.GroupResources"/> resources; should it fail, nothing of it is stored and
/// each of its files is written on its own, so outcomes and errors are each file's own either way.
/// </remarks>
public sealed class FhirImporter(IFhirGateway gateway, FhirImportOptions? options = null)
{
    private readonly FhirImportOptions _options = options ?? new FhirImportOptions();

    public async Task<ImportResult> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var all = FilesOf(path);
        var dicom = all.Where(f => IsDicom(f) || (all.Count == 1 && HasDicomMagic(f))).ToList();
        var files = all.Except(dicom).ToList();
        // A folder of Bundles (Synthea's, a file per patient) is scanned on all cores, as an NDJSON file's lines are.
        var scanned = _options.ParallelScan
            ? files.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(f => ImportScanner.Scan(f, _options.Utf8Lines)).ToList()
            : files.Select(f => ImportScanner.Scan(f, _options.Utf8Lines, parallel: false)).ToList();
        var lookup = new StoreLookup(gateway, _options.ParallelScan);
        await lookup.LoadAsync(scanned.Where(f => f.Error is null), cancellationToken).ConfigureAwait(false);
        var planner = new ImportPlanner(lookup, _options.OnDuplicate);
        var plans = scanned.Select(planner.Plan).ToList();
        var resolver = new ReferenceResolver(gateway, planner, _options.References);
        await resolver.PrepareAsync(plans.Where(p => p.Error is null).SelectMany(p => p.File.Conditionals), cancellationToken).ConfigureAwait(false);
        var writer = new ImportFileWriter(gateway, resolver, _options.Utf8Lines, _options.ParseAhead, _options.LoadBundles, _options.DirectObservations);

        var failures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var total = FileOutcome.Empty;
        var pending = new Queue<FilePlan>(plans);
        var alone = new HashSet<FilePlan>(); // written one by one: the first pass's group they were in failed
        var firstPass = true;
        var done = 0;
        void Count(FileOutcome outcome) =>
            total = new FileOutcome(total.Created + outcome.Created, total.Updated + outcome.Updated, total.Skipped + outcome.Skipped, total.Kept + outcome.Kept, []);
        while (pending.Count > 0)
        {
            var retry = new Queue<FilePlan>();
            var progressed = false;
            while (pending.TryDequeue(out var plan))
            {
                progress?.Report(new ImportProgress(done, files.Count, total.Created + total.Updated, plan.File.Path));
                if (firstPass && !alone.Contains(plan) && Group(plan, pending, alone, writer) is { Count: > 1 } group)
                {
                    var (filesDone, storedBefore) = (done, total.Created + total.Updated);
                    var stored = progress is null ? null
                        : new InlineProgress<int>(n => progress.Report(new ImportProgress(filesDone, files.Count, storedBefore + n, plan.File.Path)));
                    if (await writer.WriteGroupAsync(group, pending.TryPeek(out var after) ? after : null, stored, cancellationToken).ConfigureAwait(false) is { } outcomes)
                    {
                        foreach (var outcome in outcomes)
                            Count(outcome);
                        done += group.Count;
                        progressed = true;
                    }
                    else
                    {
                        // Nothing of the group was stored: each file again on its own, for its own outcome or error.
                        alone.UnionWith(group);
                        pending = new Queue<FilePlan>(group.Concat(pending));
                    }

                    continue;
                }

                try
                {
                    var outcome = await writer.WriteAsync(plan, pending.TryPeek(out var next) ? next : null, cancellationToken).ConfigureAwait(false);
                    Count(outcome);
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

            firstPass = false;
            if (!progressed && retry.Count > 1
                && await TogetherAsync(writer, [.. retry], cancellationToken).ConfigureAwait(false) is { } together)
            {
                Count(together);
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

    /// <summary>
    /// <paramref name="plan"/> and the files after it that go into the embedded store with it in one transaction, up to
    /// <see cref="FhirImportOptions.GroupResources"/> resources (taken from <paramref name="pending"/>); one file alone when none can.
    /// </summary>
    private List<FilePlan> Group(FilePlan plan, Queue<FilePlan> pending, HashSet<FilePlan> alone, ImportFileWriter writer)
    {
        var group = new List<FilePlan> { plan };
        if (_options.GroupResources <= 0 || !writer.CanGroup(plan))
        {
            return group;
        }

        var resources = plan.Items.Count;
        while (pending.TryPeek(out var next) && !alone.Contains(next) && writer.CanGroup(next) && resources + next.Items.Count <= _options.GroupResources)
        {
            group.Add(pending.Dequeue());
            resources += next.Items.Count;
        }

        return group;
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
