using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Talks to the SMART authorization server: finds its token endpoint (<c>Fhir:Auth:TokenUrl</c> or the FHIR server's
/// <c>.well-known/smart-configuration</c>) and exchanges a client assertion for an access token.
/// </summary>
/// <remarks>Its HttpClient (<see cref="ClientName"/>) is not the FHIR one: the authorization handler must not
/// authorize its own token requests.</remarks>
internal sealed class TokenEndpointClient(IHttpClientFactory httpClients, Uri fhirBaseUrl, Uri? configuredTokenUrl)
{
    /// <summary>The name of the <see cref="HttpClient"/> for discovery and token requests.</summary>
    public const string ClientName = "ClinicalAgent.Fhir.Remote.Auth";

    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private Uri? _tokenUrl = configuredTokenUrl;

    /// <summary>Whether credentials may go to <paramref name="url"/>: https, or http to this machine (tests, a local proxy).</summary>
    public static bool IsSafeForCredentials(Uri url) => url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);

    /// <summary>The token endpoint, discovered once.</summary>
    public async Task<Uri> TokenUrlAsync(CancellationToken cancellationToken)
    {
        if (_tokenUrl is { } known)
        {
            return known;
        }

        var discoveryUrl = new Uri(fhirBaseUrl, ".well-known/smart-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, discoveryUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (status, body) = await SendAsync(request, discoveryUrl, cancellationToken);
        if (!IsSuccess(status))
        {
            throw FhirAuthErrors.NoSmartConfiguration(discoveryUrl, $"{(int)status} {status}");
        }

        var endpoint = Text(Parse(body), "token_endpoint");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var tokenUrl))
        {
            throw FhirAuthErrors.NoSmartConfiguration(discoveryUrl, "no absolute token_endpoint");
        }

        if (!IsSafeForCredentials(tokenUrl))
        {
            throw FhirAuthErrors.InsecureTokenUrl(tokenUrl);
        }

        // A race here only discovers twice; both find the same URL.
        _tokenUrl = tokenUrl;
        return tokenUrl;
    }

    /// <summary>The client credentials grant with a JWT assertion; the token, how long it lives, and the scopes granted.</summary>
    public async Task<(string Token, TimeSpan Lifetime)> RequestTokenAsync(
        Uri tokenUrl, string assertion, string scope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = scope,
                ["client_assertion_type"] = JwtBearerAssertion,
                ["client_assertion"] = assertion,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (status, body) = await SendAsync(request, tokenUrl, cancellationToken);
        if (!IsSuccess(status))
        {
            var failure = Parse(body);
            throw FhirAuthErrors.TokenRefused(tokenUrl, status, Text(failure, "error"), Text(failure, "error_description"));
        }

        var answer = Parse(body);
        var token = Text(answer, "access_token");
        var type = Text(answer, "token_type");
        var expiresIn = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("expires_in", out var seconds) && seconds.TryGetDouble(out var value)
            ? value
            : (double?)null;
        if (token is not { Length: > 0 })
        {
            throw FhirAuthErrors.BadTokenResponse(tokenUrl, "without an access_token");
        }

        if (!string.Equals(type, "bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw FhirAuthErrors.BadTokenResponse(tokenUrl, $"with token_type '{type}' instead of bearer");
        }

        // expires_in is required by Backend Services; a server that omits it gets the spec's recommended five minutes.
        return (token, expiresIn is > 0 ? TimeSpan.FromSeconds(expiresIn.Value) : DefaultLifetime);
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            throw FhirAuthErrors.Unreachable(url, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw FhirAuthErrors.Unreachable(url, ex);
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and <= 299;

    // An answer that is not JSON (a proxy's HTML page) reads as an empty one; the callers say what was missing.
    private static JsonElement Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
