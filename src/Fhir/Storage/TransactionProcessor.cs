using System.Globalization;
using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Processes a transaction Bundle inside the caller's write unit, following the FHIR rules: ids are assigned
/// to POSTed entries, <c>urn:uuid</c> and conditional references (<c>Patient?identifier=…</c>) are rewritten
/// to the stored resources, conditional creates and updates are resolved, then entries are written and GETs
/// answered. Any failure throws, naming the entry, and the caller rolls the whole unit back.
/// </summary>
internal sealed class TransactionProcessor(ResourceWriter writer, TransactionSearch search, Func<string> newId, int firstEntryIndex = 0)
{
    private enum Action { Create, Update, Existing, Read }

    public Bundle Transaction(Bundle bundle)
    {
        var plans = new (Action Action, Resource? Resource, Bundle.EntryComponent Entry, string? IfMatch)[bundle.Entry.Count];
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            plans[i] = InEntry(firstEntryIndex + i, bundle.Entry[i], () => Plan(bundle.Entry[i], targets));
        }

        RejectSameTarget(plans);

        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i].Resource is { } resource && plans[i].Action is Action.Create or Action.Update)
            {
                InEntry(firstEntryIndex + i, bundle.Entry[i], () => Rewrite(resource, targets));
            }
        }

        // The spec's processing order: creates, then updates, then reads; answers keep the request's order.
        var responses = new Bundle.EntryComponent[plans.Length];
        foreach (var order in new[] { Action.Create, Action.Update, Action.Existing, Action.Read })
        {
            for (var i = 0; i < plans.Length; i++)
            {
                if (plans[i].Action == order)
                {
                    var plan = plans[i];
                    responses[i] = InEntry(firstEntryIndex + i, bundle.Entry[i], () => Execute(plan));
                }
            }
        }

        // Name the entry whose reference dangles, rather than leaving it to the end of the unit.
        if (writer.FindDangling() is { } dangling)
        {
            var index = Array.FindIndex(responses, r => r.FullUrl == dangling.Source);
            InEntry(firstEntryIndex + index, bundle.Entry[index], () => throw ResourceWriter.Dangling(dangling));
        }

        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse, Entry = [.. responses] };
        return response;
    }

    // Conditional PUTs resolve only now; two that land on one resource would make the result depend on their order.
    private void RejectSameTarget((Action Action, Resource? Resource, Bundle.EntryComponent Entry, string? IfMatch)[] plans)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i] is { Action: Action.Update, Resource: { } resource } && !seen.TryAdd($"{resource.TypeName}/{resource.Id}", i))
            {
                throw BundleEntryChecks.Duplicate(firstEntryIndex + seen[$"{resource.TypeName}/{resource.Id}"], firstEntryIndex + i, $"the resource {resource.TypeName}/{resource.Id}");
            }
        }
    }

    private (Action, Resource?, Bundle.EntryComponent, string?) Plan(Bundle.EntryComponent entry, Dictionary<string, string> targets)
    {
        var request = entry.Request ?? throw FhirGatewayException.BadRequest("The entry has no request.");
        var url = request.Url ?? throw FhirGatewayException.BadRequest("The entry's request has no url.");
        var resource = entry.Resource is null ? null : (Resource)entry.Resource.DeepCopy();
        switch (request.Method)
        {
            case Bundle.HTTPVerb.POST:
                if (resource is null)
                {
                    throw FhirGatewayException.BadRequest("A POST entry needs a resource.");
                }

                CheckTypeMatches(resource, url);
                var existing = request.IfNoneExist is { Length: > 0 } condition ? search.FindForCondition(resource.TypeName, condition) : null;
                var action = existing is null ? Action.Create : Action.Existing;
                resource = existing ?? resource;
                if (existing is null)
                {
                    resource.Id = newId();
                }

                Remember(entry, resource, targets);
                return (action, resource, entry, null);
            case Bundle.HTTPVerb.PUT:
                if (resource is null)
                {
                    throw FhirGatewayException.BadRequest("A PUT entry needs a resource.");
                }

                var question = url.IndexOf('?');
                if (question >= 0)
                {
                    CheckTypeMatches(resource, url[..question]);
                    resource.Id = search.FindForCondition(resource.TypeName, url[(question + 1)..])?.Id ?? newId();
                }
                else
                {
                    var parts = url.Split('/');
                    if (parts.Length != 2 || parts[0] != resource.TypeName)
                    {
                        throw FhirGatewayException.BadRequest($"PUT url '{url}' must read {resource.TypeName}/id.");
                    }

                    if (resource.Id is not null && resource.Id != parts[1])
                    {
                        throw FhirGatewayException.BadRequest($"PUT url '{url}' does not match the resource id '{resource.Id}'.");
                    }

                    resource.Id = parts[1];
                }

                Remember(entry, resource, targets);
                return (Action.Update, resource, entry, ETagVersion.Parse(request.IfMatch, "ifMatch"));
            case Bundle.HTTPVerb.GET:
                return (Action.Read, null, entry, null);
            default:
                throw FhirGatewayException.NotSupported($"{request.Method} entries are not supported; use POST, PUT or GET.");
        }
    }

    private static void CheckTypeMatches(Resource resource, string url)
    {
        if (url.Trim('/') != resource.TypeName)
        {
            throw FhirGatewayException.BadRequest($"Request url '{url}' does not match the resource type {resource.TypeName}.");
        }
    }

    private static void Remember(Bundle.EntryComponent entry, Resource resource, Dictionary<string, string> targets)
    {
        if (!string.IsNullOrEmpty(entry.FullUrl))
        {
            targets[entry.FullUrl] = $"{resource.TypeName}/{resource.Id}";
        }
    }

    private void Rewrite(Resource resource, Dictionary<string, string> targets)
    {
        ReferenceWalker.Visit(resource, reference =>
        {
            var text = reference.Reference;
            if (text is null)
            {
                return;
            }

            if (targets.TryGetValue(text, out var target))
            {
                reference.Reference = target;
            }
            else if (text.IndexOf('?') is var question and > 0 && !text[..question].Contains("://", StringComparison.Ordinal))
            {
                var type = text[..question];
                var found = search.FindForCondition(type, text[(question + 1)..]) ?? throw FhirGatewayException.Create(
                    HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.NotFound, $"The conditional reference {text} matches no resource.");
                reference.Reference = $"{type}/{found.Id}";
            }
        });
    }

    private Bundle.EntryComponent Execute((Action Action, Resource? Resource, Bundle.EntryComponent Entry, string? IfMatch) plan)
    {
        switch (plan.Action)
        {
            case Action.Read:
                return Read(plan.Entry.Request!.Url!);
            case Action.Existing:
                return Response(plan.Resource!, "200 OK");
            default:
                var result = writer.Write(plan.Resource!, plan.IfMatch);
                return Response(result.Resource, result.Outcome == FhirWriteOutcome.Created ? "201 Created" : "200 OK");
        }
    }

    private Bundle.EntryComponent Read(string url)
    {
        var question = url.IndexOf('?');
        var path = (question < 0 ? url : url[..question]).Trim('/');
        var parts = path.Split('/');
        if (parts.Length == 1)
        {
            var bundle = search.Search(parts[0], SearchQuery.Parse(question < 0 ? "" : url[(question + 1)..]));
            return new Bundle.EntryComponent { Resource = bundle, Response = new Bundle.ResponseComponent { Status = "200 OK" } };
        }

        var found = search.Search(parts[0], SearchQuery.Parse($"_id={Uri.EscapeDataString(parts[1])}")).Entry.FirstOrDefault()?.Resource
            ?? throw FhirGatewayException.NotFound($"{path} does not exist.");
        return Response(found, "200 OK");
    }

    private static Bundle.EntryComponent Response(Resource resource, string status) => new()
    {
        FullUrl = $"{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Response = new Bundle.ResponseComponent
        {
            Status = status,
            Location = $"{resource.TypeName}/{resource.Id}/_history/{resource.Meta?.VersionId}",
            Etag = $"W/\"{resource.Meta?.VersionId}\"",
            LastModified = resource.Meta?.LastUpdated,
        },
    };

    private static T InEntry<T>(int index, Bundle.EntryComponent entry, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (FhirGatewayException ex)
        {
            var where = $"Bundle.entry[{index.ToString(CultureInfo.InvariantCulture)}]{(entry.FullUrl is { } fullUrl ? $" ({fullUrl})" : "")}";
            foreach (var issue in ex.Outcome.Issue)
            {
                issue.Diagnostics = $"{where}: {issue.Diagnostics}";
                issue.Expression = issue.Expression.Any() ? issue.Expression : [where];
            }

            throw new FhirGatewayException(ex.Status, ex.Outcome, ex);
        }
    }

    private static void InEntry(int index, Bundle.EntryComponent entry, System.Action work) =>
        InEntry(index, entry, () => { work(); return 0; });
}
