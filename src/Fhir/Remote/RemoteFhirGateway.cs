using System.Net;
using System.Net.Http.Headers;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>
/// <see cref="IFhirGateway"/> over a remote FHIR R4 server (HAPI, the MedAgentBench image, a cloud FHIR
/// service) through Firely's <see cref="FhirClient"/>, with failures mapped to <see cref="FhirGatewayException"/>.
/// </summary>
/// <remarks>
/// A FhirClient keeps the last response in its own state (<see cref="BaseFhirClient.LastResult"/>), which is
/// how a conditional create tells 201 from 200; so each call gets its own lightweight client over the one
/// shared <see cref="HttpClient"/>, and concurrent calls never read each other's results.
/// </remarks>
public sealed class RemoteFhirGateway(HttpClient httpClient, Uri baseUrl) : IFhirGateway
{
    private readonly HttpClient _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));

    // FhirClient appends the slash itself, but the raw lenient search resolves relative URLs against this too.
    private readonly Uri _baseUrl = new(baseUrl.OriginalString.EndsWith('/') ? baseUrl.OriginalString : baseUrl.OriginalString + "/");

    /// <summary>The server's base URL, ending in a slash.</summary>
    public Uri BaseUrl => _baseUrl;

    public Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default) =>
        CallAsync(client => client.ReadAsync<Resource>($"{type}/{Escape(id)}", ct: cancellationToken), cancellationToken);

    public Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default) =>
        CallAsync(
            client => client.ReadAsync<Resource>($"{type}/{Escape(id)}/_history/{Escape(versionId)}", ct: cancellationToken),
            cancellationToken);

    public Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default) =>
        CallAsync(client => client.HistoryAsync($"{type}/{Escape(id)}", ct: cancellationToken), cancellationToken);

    public Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default) =>
        HistoryPageAsync($"{type}/_history", query, cancellationToken);

    public Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        HistoryPageAsync("_history", query, cancellationToken);

    public Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queryString = query.ToQueryString();
        var path = query.Compartment is { } compartment ? $"{compartment.Type}/{Escape(compartment.Id)}/{type}" : type;
        var url = queryString.Length == 0 ? path : $"{path}?{queryString}";

        // FhirClient only sends "Prefer: handling" with its SearchParams searches, which reorder parameters and
        // reject values they do not understand before the server sees them; a plain GET keeps the query verbatim.
        return query.Lenient
            ? LenientSearchAsync(url, cancellationToken)
            : CallAsync(async client => AsBundle(await client.GetAsync(url, cancellationToken), "a search"), cancellationToken);
    }

    public async Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.NextLink is null)
        {
            return null;
        }

        return await CallAsync(client => client.ContinueAsync(page, PageDirection.Next, cancellationToken), cancellationToken);
    }

    public Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return CallAsync(
            async client =>
            {
                var stored = await client.CreateAsync(resource, cancellationToken);
                return Written(stored, client, FhirWriteOutcome.Created);
            },
            cancellationToken);
    }

    public Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);

        // FhirClient sends If-Match from the resource's own meta.versionId when asked to be version-aware, so
        // put the wanted version there on a copy rather than touch the caller's resource.
        var toSend = resource;
        if (ifMatchVersion is not null)
        {
            toSend = (Resource)resource.DeepCopy();
            toSend.Meta ??= new Meta();
            toSend.Meta.VersionId = ifMatchVersion;
        }

        return CallAsync(
            async client =>
            {
                var stored = await client.UpdateAsync(toSend, versionAware: ifMatchVersion is not null, cancellationToken);
                return Written(stored, client, FhirWriteOutcome.Updated);
            },
            cancellationToken);
    }

    public Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(ifNoneExist);
        var condition = ConditionOf(ifNoneExist, "If-None-Exist");
        return CallAsync(
            async client =>
            {
                var stored = await client.ConditionalCreateAsync(resource, condition, cancellationToken);
                return Written(stored, client, FhirWriteOutcome.Existing);
            },
            cancellationToken);
    }

    public Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        var search = ConditionOf(condition, "The condition");
        return CallAsync(
            async client =>
            {
                var stored = await client.ConditionalUpdateAsync(resource, search, versionAware: false, cancellationToken);
                return Written(stored, client, FhirWriteOutcome.Updated);
            },
            cancellationToken);
    }

    public Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return CallAsync(client => client.TransactionAsync(bundle, cancellationToken), cancellationToken);
    }

    // FhirClient's history calls take only _since and _count; a plain GET keeps the paging state of a next link too.
    private Task<Bundle> HistoryPageAsync(string path, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queryString = query.ToQueryString();
        var url = queryString.Length == 0 ? path : $"{path}?{queryString}";
        return CallAsync(async client => AsBundle(await client.GetAsync(url, cancellationToken), "a history"), cancellationToken);
    }

    private static SearchParams ConditionOf(string condition, string what)
    {
        var search = new SearchParams();
        try
        {
            foreach (var (name, value) in SearchQuery.Parse(condition).Parameters)
            {
                search.Add(name, value);
            }
        }
        catch (FormatException ex)
        {
            throw FhirGatewayException.BadRequest($"{what} '{condition}' is not a valid search: {ex.Message}");
        }

        return search;
    }

    private FhirClient NewClient() => new(_baseUrl, _httpClient, new FhirClientSettings
    {
        PreferredFormat = ResourceFormat.Json,
        ReturnPreference = ReturnPreference.Representation,
        VerifyFhirVersion = false,
    });

    private async Task<T> CallAsync<T>(Func<FhirClient, Task<T?>> call, CancellationToken cancellationToken)
        where T : class
    {
        using var client = NewClient();
        try
        {
            return await call(client) ?? throw RemoteFhirErrors.BadAnswer(_baseUrl, "without the resource it should have returned");
        }
        catch (FhirOperationException ex)
        {
            throw RemoteFhirErrors.FromOperation(ex);
        }
        catch (HttpRequestException ex)
        {
            throw RemoteFhirErrors.Unreachable(_baseUrl, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw RemoteFhirErrors.TimedOut(_baseUrl, ex);
        }
        catch (ArgumentException ex)
        {
            // FhirClient checks its inputs (an update without an id, a location without a type) before sending.
            throw FhirGatewayException.BadRequest(ex.Message);
        }
        catch (Exception ex) when (ex is DeserializationFailedException or FormatException)
        {
            throw RemoteFhirErrors.BadAnswer(_baseUrl, "with a body that is not valid FHIR R4", ex);
        }
    }

    private async Task<Bundle> LenientSearchAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, relativeUrl));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.TryAddWithoutValidation("Prefer", "handling=lenient");
        byte[] body;
        HttpStatusCode status;
        try
        {
            using var response = await _httpClient.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw RemoteFhirErrors.Unreachable(_baseUrl, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw RemoteFhirErrors.TimedOut(_baseUrl, ex);
        }

        if ((int)status is < 200 or > 299)
        {
            throw RemoteFhirErrors.FromResponse(status, body, _baseUrl);
        }

        try
        {
            return AsBundle(FhirJson.Parse(body), "a search");
        }
        catch (FhirGatewayException ex)
        {
            throw RemoteFhirErrors.BadAnswer(_baseUrl, "a search with a body that is not valid FHIR R4", ex);
        }
    }

    private Bundle AsBundle(Resource? resource, string what) =>
        resource as Bundle ?? throw RemoteFhirErrors.BadAnswer(_baseUrl, $"{what} with a {resource?.TypeName ?? "empty body"} instead of a Bundle");

    // The status of the last response says what a write did: 201 is always a creation, 200 the alternative.
    private static FhirWriteResult? Written(Resource? stored, FhirClient client, FhirWriteOutcome outcomeOn200) =>
        stored is null
            ? null
            : new FhirWriteResult(stored, StatusOf(client) == HttpStatusCode.Created ? FhirWriteOutcome.Created : outcomeOn200);

    private static HttpStatusCode? StatusOf(FhirClient client)
    {
        var status = client.LastResult?.Status;
        var digits = new string((status ?? "").TrimStart().TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var code) ? (HttpStatusCode)code : null;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
