using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ClinicalAgent.Fhir.Remote.Auth;
using ClinicalAgent.Web.SignIn;

namespace ClinicalAgent.Web.Remote;

/// <summary>
/// One session's token at another EHR, held on the server only: the access token, when it expires, the refresh token
/// where the EHR gave one. Expired (or refused) with a refresh token, it is renewed at the EHR's token endpoint once;
/// refused for good, the session has to sign in again (<see cref="SignInAgain"/>).
/// </summary>
/// <remarks>Not a record, on purpose: a generated <c>ToString</c> would print the tokens into a log or exception.</remarks>
internal sealed class RemoteSessionToken(RemoteSignIn signIn, TokenResponse tokens, IHttpClientFactory http, TimeProvider time) : IUserAccessToken
{
    // Renew a little early: a token that expires between our check and the EHR's is still a 401.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private string _access = tokens.AccessToken ?? "";
    private string? _refresh = tokens.RefreshToken;
    private DateTimeOffset? _expires = Expiry(tokens, time);
    private volatile bool _refused;

    /// <summary>When the access token expires, where the EHR said (<c>expires_in</c>).</summary>
    public DateTimeOffset? Expires => _expires;

    /// <summary>Whether the EHR gave a refresh token.</summary>
    public bool CanRenew => _refresh is not null;

    /// <summary>The EHR refused the token and it could not be renewed: every further read would fail the same way.</summary>
    public bool SignInAgain => _refused;

    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (_expires is { } expires && time.GetUtcNow() >= expires - Margin && _refresh is not null)
            await RenewAsync(_access, cancellationToken).ConfigureAwait(false);
        return _refused ? null : _access;
    }

    public async ValueTask<bool> RenewAsync(string refused, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.Equals(refused, _access, StringComparison.Ordinal))
                return true; // another request renewed it meanwhile
            if (_refresh is not { } refresh)
                return false;
            var renewed = await RefreshAsync(refresh, cancellationToken).ConfigureAwait(false);
            if (renewed?.AccessToken is not { Length: > 0 } access)
            {
                _refresh = null;
                return false;
            }

            _access = access;
            _refresh = renewed.RefreshToken ?? refresh;
            _expires = Expiry(renewed, time);
            return true;
        }
        finally
        {
            _renewal.Release();
        }
    }

    public void Refused() => _refused = true;

    private async Task<TokenResponse?> RefreshAsync(string refresh, CancellationToken cancellationToken)
    {
        using var request = TokenRequest(signIn, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        try
        {
            using var response = await http.CreateClient(SignInEndpoints.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// A request to the EHR's token endpoint with <paramref name="form"/>: a public client names itself in the form; a
    /// confidential one authenticates with HTTP Basic (RFC 6749 §2.3.1), its secret from the environment.
    /// </summary>
    public static HttpRequestMessage TokenRequest(RemoteSignIn signIn, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, signIn.TokenEndpoint);
        var secret = signIn.Client.ClientSecretVariable is { Length: > 0 } variable ? Environment.GetEnvironmentVariable(variable) : null;
        if (secret is { Length: > 0 })
        {
            var basic = $"{Uri.EscapeDataString(signIn.Client.ClientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }
        else
        {
            form["client_id"] = signIn.Client.ClientId;
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private static DateTimeOffset? Expiry(TokenResponse tokens, TimeProvider time) =>
        tokens.ExpiresIn is > 0 and var seconds ? time.GetUtcNow().AddSeconds(seconds) : null;
}
