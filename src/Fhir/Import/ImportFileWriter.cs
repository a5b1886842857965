using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// The second pass of an import, one file at a time: parses it strictly, applies its plan (each resource at its planned
/// id, references rewritten, skipped ones left out) and writes it: a transaction or an NDJSON file all-or-nothing,
/// a batch entry by entry. Throws for a file that stored nothing.
/// </summary>
/// <remarks>
/// With <c>parseAhead</c> an NDJSON file's batches of lines are parsed on a thread of their own a few batches ahead of
/// the store, whose own preparing (JSON, index rows) then runs beside the parsing instead of after it: each stage's
/// wait for its slowest line of a batch no longer leaves a core idle.
/// </remarks>
internal sealed partial class ImportFileWriter(IFhirGateway gateway, ReferenceResolver resolver, bool utf8Lines = true, bool parseAhead = true)
{
    private const int RemoteChunk = 200;
    private const int ParseBatch = 256;

    public async Task<FileOutcome> WriteAsync(FilePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Error is { } error)
        {
            throw FhirGatewayException.BadRequest(error);
        }

        return plan.File.Shape switch
        {
            ImportFileShape.Ndjson => await NdjsonAsync(plan, cancellationToken).ConfigureAwait(false),
            ImportFileShape.Bundle => await BundleAsync(plan, cancellationToken).ConfigureAwait(false),
            _ => await SingleAsync(plan, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<FileOutcome> SingleAsync(FilePlan plan, CancellationToken cancellationToken)
    {
        var resource = FhirJson.Parse(await File.ReadAllBytesAsync(plan.File.Path, cancellationToken).ConfigureAwait(false), plan.File.Name);
        var planned = plan.At(0);
        if (planned.Disposition == ImportDisposition.Skip)
        {
            return FileOutcome.Empty.Add(ImportDisposition.Skip);
        }

        var kept = At(plan.File.Name, () => resolver.Rewrite(resource, plan));
        resource.Id = planned.Id;
        var result = await gateway.UpdateAsync(resource, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FileOutcome.Empty.Add(result.Outcome == FhirWriteOutcome.Created ? ImportDisposition.Create : ImportDisposition.Update) with { Kept = kept };
    }

    /// <summary>
    /// Several NDJSON files in one transaction of the embedded store: for files whose resources refer to each other
    /// (a bulk export's Binaries point at their ImagingStudy, the study's instances at the Binaries), which no order of
    /// writing them one by one satisfies. Null when the files or the gateway do not allow it.
    /// </summary>
    public async Task<FileOutcome?> WriteTogetherAsync(IReadOnlyList<FilePlan> plans, CancellationToken cancellationToken)
    {
        if (gateway is not IEmbeddedFhirStore store || plans.Count < 2 || plans.Any(p => p.Error is not null || p.File.Shape != ImportFileShape.Ndjson))
        {
            return null;
        }

        var tallies = plans.Select(_ => new Tally()).ToList();
        await store.LoadAsync(plans.SelectMany((plan, i) => Ndjson(plan, tallies[i])), cancellationToken: cancellationToken).ConfigureAwait(false);
        return tallies.Aggregate(FileOutcome.Empty, (sum, t) => new FileOutcome(
            sum.Created + t.Outcome.Created, sum.Updated + t.Outcome.Updated, sum.Skipped + t.Outcome.Skipped, sum.Kept + t.Outcome.Kept, []));
    }

    private async Task<FileOutcome> NdjsonAsync(FilePlan plan, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var resources = Ndjson(plan, tally);
        if (gateway is IEmbeddedFhirStore store)
        {
            // Streamed: one transaction however long the file, parsed and rewritten as the store takes it.
            await store.LoadAsync(resources, cancellationToken: cancellationToken).ConfigureAwait(false);
            return tally.Outcome;
        }

        // A remote server gets transactions of PUTs; atomic per chunk only.
        foreach (var chunk in resources.Chunk(RemoteChunk))
        {
            await gateway.TransactionAsync(new Bundle { Type = Bundle.BundleType.Transaction, Entry = [.. chunk.Select(Put)] }, cancellationToken).ConfigureAwait(false);
        }

        return tally.Outcome;
    }

    private IEnumerable<Resource> Ndjson(FilePlan plan, Tally tally)
    {
        foreach (var batch in parseAhead ? NdjsonLineParser.Ahead(() => Parsed(plan)) : Parsed(plan))
        {
            // Counted and handed to the store in line order, so outcomes and the first error are as parsing in line.
            for (var i = 0; i < batch.Lines.Length; i++)
            {
                batch.Errors[i]?.Throw();
                var (resource, number) = (batch.Resources[i]!, batch.Lines[i].Number);
                var planned = plan.At(number);
                tally.Outcome = tally.Outcome.Add(planned.Disposition);
                if (planned.Disposition is ImportDisposition.Create or ImportDisposition.Update)
                {
                    tally.Outcome = tally.Outcome with { Kept = tally.Outcome.Kept + batch.Kept[i] };
                    resource.Id = planned.Id;
                    yield return resource;
                }
            }
        }
    }

    private IEnumerable<ParsedLines> Parsed(FilePlan plan)
    {
        foreach (var batch in NdjsonLines.Read(plan.File.Path, utf8Lines).Chunk(ParseBatch))
        {
            // Parsing and the reference rewrite (a walk of the whole resource) are most of an import's cost after
            // indexing: a batch is parsed and rewritten on all cores (each line's plan and the resolver are read-only
            // here); a line's failure is kept to be thrown when its turn comes.
            var parsed = new ParsedLines(batch, new Resource?[batch.Length], new int[batch.Length], new ExceptionDispatchInfo?[batch.Length]);
            Parallel.For(0, batch.Length, i =>
            {
                try
                {
                    var resource = FhirJson.Parse(batch[i].Utf8, LineWhere(plan, batch[i].Number));
                    if (plan.At(batch[i].Number).Disposition is ImportDisposition.Create or ImportDisposition.Update)
                    {
                        parsed.Kept[i] = At(LineWhere(plan, batch[i].Number), () => resolver.Rewrite(resource, plan));
                    }

                    parsed.Resources[i] = resource;
                }
                catch (Exception ex)
                {
                    parsed.Errors[i] = ExceptionDispatchInfo.Capture(ex);
                }
            });

            yield return parsed;
        }
    }

    private static string LineWhere(FilePlan plan, int number) => $"{plan.File.Name} line {number}";

    private async Task<FileOutcome> BundleAsync(FilePlan plan, CancellationToken cancellationToken)
    {
        var bundle = FhirJson.Parse<Bundle>(await File.ReadAllTextAsync(plan.File.Path, cancellationToken).ConfigureAwait(false), plan.File.Name);
        var batch = bundle.Type == Bundle.BundleType.Batch;
        var outgoing = new Bundle { Type = batch ? Bundle.BundleType.Batch : Bundle.BundleType.Transaction };
        var origins = new List<int>();
        var failed = new List<string>();
        var kept = 0;
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var planned = plan.At(i);
            var entry = bundle.Entry[i];
            var where = Where(i, entry);
            try
            {
                var sent = Entry(entry, planned, plan, where);
                if (sent is not null)
                {
                    kept += sent.Value.Kept;
                    outgoing.Entry.Add(sent.Value.Entry);
                    origins.Add(i);
                }
            }
            catch (FhirGatewayException ex) when (batch)
            {
                failed.Add(ImportErrors.Text(ex));
            }
        }

        var outcome = FileOutcome.Empty with { Kept = kept };
        var response = outgoing.Entry.Count == 0 ? new Bundle() : await gateway.TransactionAsync(outgoing, cancellationToken).ConfigureAwait(false);
        for (var j = 0; j < response.Entry.Count; j++)
        {
            var answer = response.Entry[j].Response;
            var original = origins[j];
            if (answer?.Outcome is OperationOutcome problem)
            {
                failed.Add($"{Where(original, bundle.Entry[original])}: {StorePrefix().Replace(string.Join("; ", problem.Issue.Select(x => x.Diagnostics)), "")}");
                continue;
            }

            outcome = outcome.Add(plan.At(original).Disposition == ImportDisposition.Skip ? ImportDisposition.Skip
                : answer?.Status?.StartsWith("201", StringComparison.Ordinal) == true ? ImportDisposition.Create
                : outgoing.Entry[j].Request?.Method == Bundle.HTTPVerb.GET ? ImportDisposition.Pass
                : ImportDisposition.Update);
        }

        if (failed.Count > 0 && outcome.Created + outcome.Updated + outcome.Skipped == 0)
        {
            throw FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing, FhirJson.Capped(failed));
        }

        return outcome with { FailedEntries = failed };
    }

    /// <summary>The entry as sent: at its planned id with references rewritten; a skipped one as a read of the one held.</summary>
    private (Bundle.EntryComponent Entry, int Kept)? Entry(Bundle.EntryComponent entry, PlannedItem planned, FilePlan plan, string where)
    {
        switch (planned.Disposition)
        {
            case ImportDisposition.Ignore:
                return null;
            case ImportDisposition.Pass:
                var passedKept = entry.Resource is null ? 0 : At(where, () => resolver.Rewrite(entry.Resource, plan));
                return (entry, passedKept);
            case ImportDisposition.Skip:
                // A read keeps the entries in step with the file's, so the store's errors name the right entry.
                return (new Bundle.EntryComponent { FullUrl = entry.FullUrl, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = planned.Key } }, 0);
            default:
                var resource = entry.Resource!;
                var kept = At(where, () => resolver.Rewrite(resource, plan));
                resource.Id = planned.Id;
                var put = Put(resource);
                put.FullUrl = entry.FullUrl;
                return (put, kept);
        }
    }

    private static Bundle.EntryComponent Put(Resource resource) => new()
    {
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
    };

    private static string Where(int index, Bundle.EntryComponent entry) =>
        $"Bundle.entry[{index}]{(entry.FullUrl is { } url ? $" ({url})" : "")}";

    private static T At<T>(string where, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (FhirGatewayException ex)
        {
            throw FhirGatewayException.Create(ex.Status, ex.Outcome.Issue.FirstOrDefault()?.Code ?? OperationOutcome.IssueType.Processing, $"{where}: {ImportErrors.Text(ex)}");
        }
    }

    /// <summary>Counts of a streamed file, filled in as the store reads it.</summary>
    private sealed class Tally
    {
        public FileOutcome Outcome { get; set; } = FileOutcome.Empty;
    }

    // The store names the entry of the bundle it was sent; the file's own entry number replaces it.
    [GeneratedRegex(@"^Bundle\.entry\[\d+\]( \([^)]*\))?: ")]
    private static partial Regex StorePrefix();
}
