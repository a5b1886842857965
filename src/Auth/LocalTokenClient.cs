using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using ClinicalAgent.Auth.Endpoints;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth;

/// <summary>
/// The <c>clinicalagent</c> command as a client of the local authorization server: a real token request
/// (client credentials, authenticated by a JWT signed with the command's own key), so OpenIddict issues the token.
/// Only this client may name a patient, a user or a lifetime.
/// </summary>
public sealed class LocalTokenClient
{
    /// <summary>The named HTTP client the requests go through.</summary>
    public const string HttpClientName = "ClinicalAgent.Auth.LocalTokenClient";

    private readonly LocalAuthority _authority;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;

    internal LocalTokenClient(LocalAuthority authority, IHttpClientFactory http, TimeProvider time)
    {
        _authority = authority;
        _http = http;
        _time = time;
    }

    /// <summary>Asks the server at <paramref name="serverBase"/> (its origin, e.g. <c>http://127.0.0.1:8080</c>) for a token.</summary>
    /// <exception cref="InvalidOperationException">The server refused, with its error description.</exception>
    public async Task<LocalTokenResponse> RequestAsync(Uri serverBase, LocalTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serverBase);
        ArgumentNullException.ThrowIfNull(request);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = Assertion(),
            ["scope"] = request.Scope,
        };
        if (request.Patient is { Length: > 0 } patient)
            form[TokenEndpoint.PatientParameter] = patient;
        if (request.User is { Length: > 0 } user)
            form[TokenEndpoint.UserParameter] = user;
        if (request.Audience is { Length: > 0 } audience)
            form[TokenEndpoint.AudienceParameter] = audience;
        if (request.Lifetime is { } lifetime)
            form[TokenEndpoint.LifetimeParameter] = lifetime.ToString("c", CultureInfo.InvariantCulture);

        var endpoint = new Uri(serverBase, $"{LocalAuthorizationServerOptions.PathBase}/connect/token");
        using var http = _http.CreateClient(HttpClientName);
        using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !body.TryGetProperty("access_token", out var token))
        {
            var description = body.TryGetProperty("error_description", out var d) ? d.GetString() : body.TryGetProperty("error", out var e) ? e.GetString() : null;
            throw new InvalidOperationException($"The authorization server refused the token: {description ?? response.ReasonPhrase}");
        }

        return new LocalTokenResponse(
            token.GetString()!,
            body.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 0,
            body.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
            body.TryGetProperty(TokenEndpoint.PatientParameter, out var inContext) ? inContext.GetString() : null);
    }

    // SMART Backend Services: iss = sub = client_id, aud = the token endpoint, a few minutes' life, a fresh jti.
    private string Assertion()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalAuthority.CliClientId,
            Audience = _authority.TokenEndpoint.AbsoluteUri,
            Subject = new ClaimsIdentity([new Claim("sub", LocalAuthority.CliClientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = new SigningCredentials(_authority.CliKey, SecurityAlgorithms.RsaSha384),
        });
    }
}
