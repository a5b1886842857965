using System.Net;
using ClinicalAgent.Fhir;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Writes an agent's resource and its Provenance in one FHIR transaction, each as a conditional create on the write's
/// idempotency key: a retry finds both (or, for a resource written before Provenance existed, adds only the
/// Provenance), and a failure writes neither.
/// </summary>
public static class AttributedWrite
{
    /// <summary>The most sources a Provenance names; each is checked to exist first.</summary>
    public const int MaxSources = 25;

    /// <summary>
    /// Labels and attributes <paramref name="resource"/> (its identifier must already carry <paramref name="key"/>), then
    /// creates it with its Provenance unless an earlier write with that key exists.
    /// </summary>
    /// <param name="gateway">The FHIR store or server.</param>
    /// <param name="resource">The resource to write.</param>
    /// <param name="key">The write's idempotency key.</param>
    /// <param name="attribution">The model, approver, sources and activity.</param>
    /// <param name="patientId">The patient, the source named when no other is known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<FhirWriteResult> WriteAsync(IFhirGateway gateway, Resource resource, string key, WriteAttribution attribution,
        string? patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(attribution);
        var approver = await ApproverReferenceAsync(gateway, attribution.Approver, cancellationToken).ConfigureAwait(false);
        var sources = await ExistingAsync(gateway, attribution.Sources, patientId, cancellationToken).ConfigureAwait(false);
        var written = (Resource)resource.DeepCopy();
        WriteStamp.Apply(written, attribution, approver);

        var fullUrl = $"urn:uuid:{Guid.NewGuid():D}";
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Create(fullUrl, written, Idempotency.Condition(key)),
                Create($"urn:uuid:{Guid.NewGuid():D}", ProvenanceBuilder.Build(fullUrl, key, attribution, approver, sources), $"_tag={Idempotency.System}|{key}"),
            ],
        };
        var response = await gateway.TransactionAsync(bundle, cancellationToken).ConfigureAwait(false);
        var first = response.Entry.FirstOrDefault();
        var stored = first?.Resource ?? await ReadLocationAsync(gateway, first?.Response?.Location, cancellationToken).ConfigureAwait(false);
        var outcome = first?.Response?.Status?.StartsWith("201", StringComparison.Ordinal) == true ? FhirWriteOutcome.Created : FhirWriteOutcome.Existing;
        return new FhirWriteResult(stored, outcome);
    }

    // A server answering return=minimal gives only a Location: Type/id/_history/v, relative or absolute.
    private static async Task<Resource> ReadLocationAsync(IFhirGateway gateway, string? location, CancellationToken cancellationToken)
    {
        var path = location ?? "";
        var history = path.IndexOf("/_history", StringComparison.Ordinal);
        var parts = (history >= 0 ? path[..history] : path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            ? await gateway.ReadAsync(parts[^2], parts[^1], cancellationToken).ConfigureAwait(false)
            : throw FhirGatewayException.Create(HttpStatusCode.BadGateway, OperationOutcome.IssueType.Exception,
                "The FHIR server's transaction response names no written resource.");
    }

    private static Bundle.EntryComponent Create(string fullUrl, Resource resource, string ifNoneExist) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    // A fhirUser the record does not hold would leave the write with a dangling reference; it is then named by display.
    private static async Task<ResourceReference> ApproverReferenceAsync(IFhirGateway gateway, WriteApprover approver, CancellationToken cancellationToken)
    {
        if (approver.Reference is { } reference && !reference.Contains("://", StringComparison.Ordinal)
            && !await ExistsAsync(gateway, reference, cancellationToken).ConfigureAwait(false))
        {
            return new ResourceReference { Display = approver.Display };
        }

        return approver.ToReference();
    }

    // Ids a tool returned may come from free text (a note naming Observation/x); only those the record holds are named.
    private static async Task<IReadOnlyList<string>> ExistingAsync(IFhirGateway gateway, IReadOnlyList<string> sources, string? patientId,
        CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var source in sources.Distinct(StringComparer.Ordinal).Take(MaxSources))
        {
            if (await ExistsAsync(gateway, source, cancellationToken).ConfigureAwait(false))
            {
                found.Add(source);
            }
        }

        if (found.Count == 0 && patientId is not null)
        {
            found.Add($"Patient/{patientId}");
        }

        return found;
    }

    private static async Task<bool> ExistsAsync(IFhirGateway gateway, string reference, CancellationToken cancellationToken)
    {
        var parts = reference.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        try
        {
            await gateway.ReadAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest)
        {
            return false;
        }
    }
}
