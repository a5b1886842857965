using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// Imports FHIR R4 data from a file or a folder: Bundles (transaction and batch as such; collection and other
/// types as a transaction of their entries), single resources, and NDJSON (one resource per line, as bulk
/// export writes). Each file is atomic. Files whose references point to resources in files not yet imported
/// (Synthea's patient bundles refer to its hospital and practitioner files) are retried after the others.
/// </summary>
public sealed class FhirImporter(IFhirGateway gateway)
{
    private const int RemoteChunk = 200;

    public async Task<ImportResult> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = FilesOf(path);
        var pending = new Queue<string>(files);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var resources = 0;
        var done = 0;
        while (pending.Count > 0)
        {
            var retry = new Queue<string>();
            var progressed = false;
            while (pending.TryDequeue(out var file))
            {
                progress?.Report(new ImportProgress(done, files.Count, resources, file));
                try
                {
                    resources += await ImportFileAsync(file, cancellationToken).ConfigureAwait(false);
                    failures.Remove(file);
                    progressed = true;
                    done++;
                }
                catch (FhirGatewayException ex)
                {
                    failures[file] = ex.Message;
                    if (ex.Status == HttpStatusCode.UnprocessableEntity)
                    {
                        retry.Enqueue(file); // may refer to a file not imported yet
                    }
                    else
                    {
                        done++;
                    }
                }
            }

            pending = progressed ? retry : new Queue<string>();
        }

        progress?.Report(new ImportProgress(files.Count, files.Count, resources, ""));
        return new ImportResult(files.Count, resources, failures.Select(f => new ImportFailure(f.Key, f.Value)).ToList());
    }

    /// <summary>Imports one file as one unit; returns how many resources it stored.</summary>
    public async Task<int> ImportFileAsync(string file, CancellationToken cancellationToken = default)
    {
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return await LoadAsync(ReadNdjson(file), cancellationToken).ConfigureAwait(false);
        }

        var resource = FhirJson.Parse(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), Path.GetFileName(file));
        if (resource is not Bundle bundle)
        {
            var single = string.IsNullOrEmpty(resource.Id)
                ? await gateway.CreateAsync(resource, cancellationToken).ConfigureAwait(false)
                : await gateway.UpdateAsync(resource, cancellationToken: cancellationToken).ConfigureAwait(false);
            return single.Resource is null ? 0 : 1;
        }

        var response = await gateway.TransactionAsync(AsTransactionOrBatch(bundle), cancellationToken).ConfigureAwait(false);
        var failed = response.Entry.Where(e => e.Response?.Outcome is not null).ToList();
        if (failed.Count > 0)
        {
            // A batch stores its good entries; the file is reported with its first failure.
            throw new FhirGatewayException(HttpStatusCode.BadRequest, (OperationOutcome)failed[0].Response!.Outcome!);
        }

        return response.Entry.Count;
    }

    /// <summary>Collections, searchsets and documents become a transaction: PUT where an entry has an id, else POST.</summary>
    public static Bundle AsTransactionOrBatch(Bundle bundle)
    {
        if (bundle.Type is Bundle.BundleType.Transaction or Bundle.BundleType.Batch)
        {
            return bundle;
        }

        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var entry in bundle.Entry.Where(e => e.Resource is not null && e.Search?.Mode != Bundle.SearchEntryMode.Outcome))
        {
            var resource = entry.Resource!;
            transaction.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = entry.FullUrl,
                Resource = resource,
                Request = string.IsNullOrEmpty(resource.Id)
                    ? new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName }
                    : new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
            });
        }

        return transaction;
    }

    private async Task<int> LoadAsync(IEnumerable<Resource> resources, CancellationToken cancellationToken)
    {
        if (gateway is SqliteFhirStore store)
        {
            return await store.LoadAsync(resources, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // A remote server gets transactions of PUTs; atomic per chunk only.
        var stored = 0;
        foreach (var chunk in resources.Chunk(RemoteChunk))
        {
            stored += (await gateway.TransactionAsync(AsTransactionOrBatch(new Bundle
            {
                Type = Bundle.BundleType.Collection,
                Entry = chunk.Select(r => new Bundle.EntryComponent { Resource = r }).ToList(),
            }), cancellationToken).ConfigureAwait(false)).Entry.Count;
        }

        return stored;
    }

    private static IEnumerable<Resource> ReadNdjson(string file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return FhirJson.Parse(line, $"{Path.GetFileName(file)} line {number}");
            }
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
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Path.GetFileName(f).StartsWith("hospital", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f).StartsWith("practitioner", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}
