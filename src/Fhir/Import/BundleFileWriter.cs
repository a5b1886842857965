using System.Net;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// Writes one Bundle file of an import: parsed strictly from its UTF-8 bytes, each entry at its planned id with its
/// references rewritten, skipped ones read, then sent as a transaction (all-or-nothing) or a batch (entry by entry).
/// Throws for a file that stored nothing.
/// </summary>
/// <remarks>
/// Into the embedded store, a file whose every entry the plan decided (created, updated or skipped: a Synthea patient
/// bundle) is loaded the way an NDJSON file is, in one transaction whose resources are prepared on all cores beside
/// the single writer, instead of entry by entry on one thread. The checks are the store's own either way; should the
/// load fail, nothing is stored and the same entries go as a transaction, whose error names the entry at fault in its
/// own words. With <c>prepareAhead</c> the next Bundle file is parsed and planned on another thread while one is
/// written.
/// </remarks>
internal sealed partial class BundleFileWriter(IFhirGateway gateway, ReferenceResolver resolver, bool loadIntoStore = true, bool prepareAhead = true)
{
    private (FilePlan Plan, Task<PreparedBundle> Preparing)? _ahead;

    public async Task<FileOutcome> WriteAsync(FilePlan plan, FilePlan? next, CancellationToken cancellationToken)
    {
        var preparing = Take(plan) ?? Task.FromResult(Prepare(plan));
        PrepareAhead(next, cancellationToken);
        return await SendAsync(plan, await preparing.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="plan"/>'s file may go into the embedded store in one transaction with others: a Bundle
    /// (a batch too) whose every entry the plan decided.
    /// </summary>
    public bool CanGroup(FilePlan plan) =>
        loadIntoStore && gateway is IEmbeddedFhirStore && plan is { Error: null, File.Shape: ImportFileShape.Bundle }
        && plan.Items.Values.All(i => i.Disposition is not ImportDisposition.Pass)
        && plan.Items.Values.Any(i => i.Disposition is ImportDisposition.Create or ImportDisposition.Update);

    /// <summary>
    /// Loads the files of <paramref name="plans"/> (each one <see cref="CanGroup"/>) in one transaction of the embedded
    /// store, each prepared while the one before is written; their outcomes, or null when the load failed and stored
    /// nothing (so each is to be written on its own). A batch entry that fails its preparation fails the load.
    /// <paramref name="stored"/> hears how many resources are written so far.
    /// </summary>
    public async Task<IReadOnlyList<FileOutcome>?> WriteGroupAsync(IReadOnlyList<FilePlan> plans, FilePlan? next, IProgress<int>? stored, CancellationToken cancellationToken)
    {
        var store = (IEmbeddedFhirStore)gateway;
        var outcomes = new FileOutcome[plans.Count];
        try
        {
            await store.LoadAsync(Grouped(plans, next, outcomes, cancellationToken), stored, cancellationToken).ConfigureAwait(false);
            return outcomes;
        }
        catch (FhirGatewayException)
        {
            Forget();
            return null;
        }
    }

    // Enumerated by the store's preparing thread: each file is taken as prepared ahead, and the next one started.
    private IEnumerable<Resource> Grouped(IReadOnlyList<FilePlan> plans, FilePlan? next, FileOutcome[] outcomes, CancellationToken cancellationToken)
    {
        for (var f = 0; f < plans.Count; f++)
        {
            var plan = plans[f];
            var prepared = (Take(plan) ?? Task.FromResult(Prepare(plan))).GetAwaiter().GetResult();
            PrepareAhead(f + 1 < plans.Count ? plans[f + 1] : next, cancellationToken);
            if (prepared.Failed.Count > 0)
            {
                throw FhirGatewayException.BadRequest($"{plan.File.Name}: an entry failed; the file is written on its own.");
            }

            BundleEntryChecks.RejectDuplicates(prepared.Outgoing);
            outcomes[f] = Planned(plan, prepared);
            foreach (var entry in prepared.Outgoing.Entry)
            {
                if (entry.Request?.Method == Bundle.HTTPVerb.PUT)
                    yield return entry.Resource!;
            }
        }
    }

    private static FileOutcome Planned(FilePlan plan, PreparedBundle prepared) =>
        prepared.Origins.Aggregate(FileOutcome.Empty with { Kept = prepared.Kept }, (outcome, i) => outcome.Add(plan.At(i).Disposition));

    /// <summary>Starts preparing <paramref name="next"/>, if it is a Bundle file, while the current file is written.</summary>
    public void PrepareAhead(FilePlan? next, CancellationToken cancellationToken)
    {
        if (!prepareAhead || next is not { Error: null, File.Shape: ImportFileShape.Bundle } || _ahead?.Plan == next)
        {
            return;
        }

        Forget();
        _ahead = (next, Task.Run(() => Prepare(next), cancellationToken));
    }

    private Task<PreparedBundle>? Take(FilePlan plan)
    {
        if (_ahead is not { } ahead || ahead.Plan != plan)
        {
            Forget();
            return null;
        }

        _ahead = null;
        return ahead.Preparing;
    }

    // A file prepared ahead but written another time (a retry re-reads it): its failure, if any, is observed, not thrown.
    private void Forget()
    {
        _ = _ahead?.Preparing.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _ahead = null;
    }

    private PreparedBundle Prepare(FilePlan plan)
    {
        var bundle = FhirJson.Parse<Bundle>(File.ReadAllBytes(plan.File.Path), plan.File.Name);
        var batch = bundle.Type == Bundle.BundleType.Batch;
        var outgoing = new Bundle { Type = batch ? Bundle.BundleType.Batch : Bundle.BundleType.Transaction };
        var origins = new List<int>();
        var failed = new List<string>();
        var kept = 0;
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            try
            {
                if (Entry(bundle.Entry[i], plan.At(i), plan, Where(i, bundle.Entry[i])) is { } sent)
                {
                    kept += sent.Kept;
                    outgoing.Entry.Add(sent.Entry);
                    origins.Add(i);
                }
            }
            catch (FhirGatewayException ex) when (batch)
            {
                failed.Add(ImportErrors.Text(ex));
            }
        }

        return new PreparedBundle(bundle, outgoing, origins, failed, kept);
    }

    private async Task<FileOutcome> SendAsync(FilePlan plan, PreparedBundle prepared, CancellationToken cancellationToken)
    {
        if (loadIntoStore && gateway is IEmbeddedFhirStore store && !prepared.IsBatch && prepared.Outgoing.Entry.Count > 0
            && prepared.Origins.All(i => plan.At(i).Disposition is ImportDisposition.Create or ImportDisposition.Update or ImportDisposition.Skip))
        {
            BundleEntryChecks.RejectDuplicates(prepared.Outgoing); // the transaction's first check, before any entry runs
            try
            {
                var resources = prepared.Outgoing.Entry.Where(e => e.Request?.Method == Bundle.HTTPVerb.PUT).Select(e => e.Resource!);
                await store.LoadAsync(resources, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Planned(plan, prepared);
            }
            catch (FhirGatewayException ex) when (ex.Status != HttpStatusCode.ServiceUnavailable)
            {
                // Rolled back; the transaction below fails the same way and says which entry, or stores the file.
            }
        }

        return Answered(plan, prepared, prepared.Outgoing.Entry.Count == 0 ? new Bundle() : await gateway.TransactionAsync(prepared.Outgoing, cancellationToken).ConfigureAwait(false));
    }

    private static FileOutcome Answered(FilePlan plan, PreparedBundle prepared, Bundle response)
    {
        var outcome = FileOutcome.Empty with { Kept = prepared.Kept };
        var failed = prepared.Failed.ToList();
        for (var j = 0; j < response.Entry.Count; j++)
        {
            var answer = response.Entry[j].Response;
            var original = prepared.Origins[j];
            if (answer?.Outcome is OperationOutcome problem)
            {
                failed.Add($"{Where(original, prepared.Source.Entry[original])}: {StorePrefix().Replace(string.Join("; ", problem.Issue.Select(x => x.Diagnostics)), "")}");
                continue;
            }

            outcome = outcome.Add(plan.At(original).Disposition == ImportDisposition.Skip ? ImportDisposition.Skip
                : answer?.Status?.StartsWith("201", StringComparison.Ordinal) == true ? ImportDisposition.Create
                : prepared.Outgoing.Entry[j].Request?.Method == Bundle.HTTPVerb.GET ? ImportDisposition.Pass
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
                var passedKept = entry.Resource is null ? 0 : ImportFileWriter.At(where, () => resolver.Rewrite(entry.Resource, plan));
                return (entry, passedKept);
            case ImportDisposition.Skip:
                // A read keeps the entries in step with the file's, so the store's errors name the right entry.
                return (new Bundle.EntryComponent { FullUrl = entry.FullUrl, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = planned.Key } }, 0);
            default:
                var resource = entry.Resource!;
                var kept = ImportFileWriter.At(where, () => resolver.Rewrite(resource, plan));
                resource.Id = planned.Id;
                var put = ImportFileWriter.Put(resource);
                put.FullUrl = entry.FullUrl;
                return (put, kept);
        }
    }

    private static string Where(int index, Bundle.EntryComponent entry) =>
        $"Bundle.entry[{index}]{(entry.FullUrl is { } url ? $" ({url})" : "")}";

    // The store names the entry of the bundle it was sent; the file's own entry number replaces it.
    [GeneratedRegex(@"^Bundle\.entry\[\d+\]( \([^)]*\))?: ")]
    private static partial Regex StorePrefix();
}
