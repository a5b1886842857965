using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Workflows.Steps;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>
/// Where one invocation's <c>fhir_query</c> steps read: the EHR's prefetch when it holds the same query (the
/// service's templates filled with the context), else the EHR's <c>fhirServer</c> with the <c>fhirAuthorization</c>
/// bearer token through the remote gateway; with neither, <see cref="PrefetchMissingException"/> (412).
/// </summary>
internal sealed class CdsFhirReader : IDisposable
{
    private readonly Dictionary<string, JsonNode?> _prefetched;
    private readonly HttpClient? _http;
    private readonly RemoteFhirGateway? _remote;

    public CdsFhirReader(Dictionary<string, JsonNode?> prefetched, Uri? fhirServer, string? accessToken, HttpMessageHandler handler)
    {
        _prefetched = prefetched;
        if (fhirServer is not null && !string.IsNullOrEmpty(accessToken))
        {
            _http = new HttpClient(handler, disposeHandler: false);
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            _remote = new RemoteFhirGateway(_http, fhirServer);
        }
    }

    /// <summary>The references of everything read (for the audit).</summary>
    public List<string> Read { get; } = [];

    /// <summary>How many queries went to the EHR's FHIR server.</summary>
    public int Fetched { get; private set; }

    /// <summary>The resources of type <c>Type</c> that <paramref name="search"/> finds.</summary>
    public async Task<IReadOnlyList<JsonObject>> SearchAsync(string search, CancellationToken cancellationToken)
    {
        var type = FhirQueryKey.TypeOf(search);
        List<JsonObject> found;
        if (_prefetched.TryGetValue(FhirQueryKey.Of(search), out var prefetched))
        {
            found = Resources(prefetched, type);
        }
        else if (_remote is not null)
        {
            var question = search.IndexOf('?');
            var bundle = await _remote.SearchAsync(type, SearchQuery.Parse(question < 0 ? "" : search[(question + 1)..]), cancellationToken).ConfigureAwait(false);
            found = [.. bundle.Entry.Where(e => e.Resource?.TypeName == type).Select(e => FhirFacts.ToJson(e.Resource!))];
            Fetched++;
        }
        else
        {
            throw new PrefetchMissingException(type);
        }

        Read.AddRange(found.Select(r => $"{type}/{r["id"]?.GetValue<string>()}"));
        return found;
    }

    // A prefetch value is a searchset Bundle, one resource (a read template), or null (the EHR found nothing).
    private static List<JsonObject> Resources(JsonNode? value, string type)
    {
        if (value is not JsonObject resource)
        {
            return [];
        }

        if (resource["resourceType"]?.GetValue<string>() == "Bundle")
        {
            return [.. (resource["entry"] as JsonArray ?? []).Select(e => e?["resource"]).OfType<JsonObject>()
                .Where(r => r["resourceType"]?.GetValue<string>() == type)];
        }

        return resource["resourceType"]?.GetValue<string>() == type ? [resource] : [];
    }

    public void Dispose() => _http?.Dispose();
}
