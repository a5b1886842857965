using System.Net;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// Decides, before anything is written, the id every imported resource will have: the one it is matched to (same id,
/// or one of its identifiers, in the store or in an earlier file) or a new one, per <see cref="DuplicateMode"/>.
/// With every id known up front, references across files (conditional, <c>urn:uuid</c>, <c>Type/id</c>) are
/// rewritten to literal ones, whatever order the files are written in.
/// </summary>
internal sealed partial class ImportPlanner(StoreLookup store, DuplicateMode mode)
{
    private readonly HashSet<string> _planned = new(StringComparer.Ordinal);

    /// <summary>Original <c>Type/id</c> → planned <c>Type/id</c>, across the import (NDJSON refers by id).</summary>
    public Dictionary<string, string> Originals { get; } = new(StringComparer.Ordinal);

    /// <summary><c>Type|system|value</c> → planned <c>Type/id</c>s of the imported resources with that identifier.</summary>
    public Dictionary<string, HashSet<string>> Identifiers { get; } = new(StringComparer.Ordinal);

    public FilePlan Plan(ScannedFile file)
    {
        var plan = new FilePlan(file) { Error = file.Error };
        if (plan.Error is not null)
        {
            return plan;
        }

        var bundleRequests = file.Shape == ImportFileShape.Bundle && file.BundleType is "transaction" or "batch";
        foreach (var item in file.Items)
        {
            try
            {
                var planned = PlanItem(item, bundleRequests);
                plan.Items[item.Index] = planned;
                Register(plan, item, planned);
            }
            catch (FhirGatewayException ex)
            {
                plan.Error = $"{Where(file, item)}: {ImportErrors.Text(ex)}";
                return plan;
            }
        }

        return plan;
    }

    public static string Where(ScannedFile file, ScannedItem item) => file.Shape switch
    {
        ImportFileShape.Bundle => $"Bundle.entry[{item.Index}]{(item.FullUrl is { } url ? $" ({url})" : "")}",
        ImportFileShape.Ndjson => $"{file.Name} line {item.Index}",
        _ => file.Name,
    };

    private PlannedItem PlanItem(ScannedItem item, bool bundleRequests)
    {
        if (item.Type is null)
        {
            return bundleRequests && item.Method is not null ? PlannedItem.Passed : PlannedItem.Ignored;
        }

        var method = bundleRequests ? item.Method : null;
        switch (method)
        {
            case null or "POST" when item.IfNoneExist is not { Length: > 0 }:
                return ByMode(item);
            case "POST":
                // A conditional create: if the condition matches, the resource is not written (FHIR's ifNoneExist);
                // if not, it is matched like any other (Synthea's PractitionerRole's condition names an identifier it lacks).
                return IdentifierCondition(item.IfNoneExist!) is { } token
                    ? OneOrNone(item.Type, [token], $"{item.Type}?{item.IfNoneExist}") is { } existing ? new PlannedItem(ImportDisposition.Skip, existing) : ByMode(item)
                    : PlannedItem.Passed;
            case "PUT" when item.Url is { } url && !url.Contains('?', StringComparison.Ordinal) && url.Split('/') is [var type, var id] && type == item.Type:
                var key = $"{type}/{id}";
                return new PlannedItem(store.Exists(key) || _planned.Contains(key) ? ImportDisposition.Update : ImportDisposition.Create, key);
            default:
                return PlannedItem.Passed;
        }
    }

    // Create needs no match: it stores another copy whatever the store holds (at the same id only where that is free).
    private PlannedItem ByMode(ScannedItem item) => mode != DuplicateMode.Create && Matched(item) is { } match
        ? new PlannedItem(mode == DuplicateMode.Update ? ImportDisposition.Update : ImportDisposition.Skip, match)
        : New(item);

    /// <summary>The one resource held already with this one's id or identifiers; 412 when its identifiers match several.</summary>
    private string? Matched(ScannedItem item)
    {
        if (item.OriginalKey is { } original)
        {
            if (Originals.TryGetValue(original, out var planned))
            {
                return planned;
            }

            if (store.Exists(original))
            {
                return original;
            }
        }

        // The identifiers' values are not named: a patient's may be an SSN.
        return item.Identifiers.Count == 0 ? null : OneOrNone(item.Type!, item.Identifiers, $"{item.Type} by its identifiers");
    }

    private string? OneOrNone(string type, IEnumerable<string> identifiers, string what)
    {
        var keys = identifiers
            .SelectMany(token => store.WithIdentifier(type, token).Concat(Identifiers.TryGetValue($"{type}|{token}", out var mine) ? mine : []))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return keys.Count switch
        {
            0 => null,
            1 => keys[0],
            _ => throw FhirGatewayException.Create(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                $"{what} matches {keys.Count} resources ({string.Join(", ", keys.Take(3))}); pass --on-duplicate create to import it as a new one."),
        };
    }

    private PlannedItem New(ScannedItem item)
    {
        var own = item.OriginalKey;
        var key = own is not null && IdPattern().IsMatch(item.Id!) && !store.Exists(own) && !_planned.Contains(own)
            ? own
            : $"{item.Type}/{Guid.CreateVersion7()}";
        return new PlannedItem(ImportDisposition.Create, key);
    }

    private void Register(FilePlan plan, ScannedItem item, PlannedItem planned)
    {
        if (planned.Key is not { } key)
        {
            if (planned.Disposition == ImportDisposition.Pass && item.FullUrl is { } passed)
            {
                plan.LeftToStore.Add(passed);
            }

            return;
        }

        _planned.Add(key);
        if (item.FullUrl is { Length: > 0 } fullUrl)
        {
            plan.FullUrls[fullUrl] = key;
        }

        if (item.OriginalKey is { } original)
        {
            Originals[original] = key;
        }

        foreach (var token in item.Identifiers)
        {
            StoreLookup.Add(Identifiers, $"{item.Type}|{token}", key);
        }
    }

    /// <summary>The <c>system|value</c> of a condition that is exactly <c>identifier=system|value</c>, else null.</summary>
    public static string? IdentifierCondition(string condition)
    {
        var query = SearchQuery.Parse(condition);
        return query.Parameters is [{ Key: "identifier", Value: var token }] && token.Contains('|', StringComparison.Ordinal) && !token.Contains(',', StringComparison.Ordinal)
            ? token
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
