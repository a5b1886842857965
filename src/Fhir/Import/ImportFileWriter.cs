using System.Runtime.ExceptionServices;
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
/// wait for its slowest line of a batch no longer leaves a core idle; and the next Bundle file is prepared while
/// a file is written (<see cref="BundleFileWriter"/>).
/// </remarks>
internal sealed class ImportFileWriter(IFhirGateway gateway, ReferenceResolver resolver, bool utf8Lines = true, bool parseAhead = true, bool loadBundles = true,
    bool directObservations = true)
{
    private const int RemoteChunk = 200;
    private const int ParseBatch = 256;

    private readonly BundleFileWriter _bundles = new(gateway, resolver, loadBundles, parseAhead);

    /// <summary>Writes <paramref name="plan"/>'s file; <paramref name="next"/>, the file to be written after it, may be read meanwhile.</summary>
    public async Task<FileOutcome> WriteAsync(FilePlan plan, FilePlan? next, CancellationToken cancellationToken)
    {
        if (plan.Error is { } error)
        {
            _bundles.PrepareAhead(next, cancellationToken);
            throw FhirGatewayException.BadRequest(error);
        }

        if (plan.File.Shape == ImportFileShape.Bundle)
        {
            return await _bundles.WriteAsync(plan, next, cancellationToken).ConfigureAwait(false);
        }

        _bundles.PrepareAhead(next, cancellationToken);
        return plan.File.Shape switch
        {
            ImportFileShape.Ndjson => await NdjsonAsync(plan, cancellationToken).ConfigureAwait(false),
            _ => await SingleAsync(plan, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <inheritdoc cref="BundleFileWriter.CanGroup"/>
    public bool CanGroup(FilePlan plan) => _bundles.CanGroup(plan);

    /// <inheritdoc cref="BundleFileWriter.WriteGroupAsync"/>
    public Task<IReadOnlyList<FileOutcome>?> WriteGroupAsync(IReadOnlyList<FilePlan> plans, FilePlan? next, IProgress<int>? stored, CancellationToken cancellationToken) =>
        _bundles.WriteGroupAsync(plans, next, stored, cancellationToken);

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
                    var where = LineWhere(plan, batch[i].Number);
                    var resource = directObservations ? FhirJson.Parse(batch[i].Utf8, where) : FhirJson.ParseWithFirely(batch[i].Utf8, where);
                    if (plan.At(batch[i].Number).Disposition is ImportDisposition.Create or ImportDisposition.Update)
                    {
                        parsed.Kept[i] = At(where, () => resolver.Rewrite(resource, plan));
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

    public static Bundle.EntryComponent Put(Resource resource) => new()
    {
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
    };

    /// <summary>Runs <paramref name="work"/>, its failure prefixed with where in the file it happened.</summary>
    public static T At<T>(string where, Func<T> work)
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
}
