using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// <c>Fhir:Auth:Mode = local</c> (or <c>auto</c> on loopback): tokens from the <see cref="ILocalFhirTokenProvider"/> the
/// host registered, renewed before they expire. A server without a local authorization server (or a host without a
/// provider) is called without a token, which an open server answers and an authorizing one refuses clearly.
/// </summary>
internal sealed class LocalTokenSource(IServiceProvider services, Uri baseUrl, TimeSpan renewBefore, TimeProvider time) : IAccessTokenSource
{
    /// <summary>The token of "no token": the handler sends such requests without an Authorization header.</summary>
    public static readonly AccessToken None = new("", DateTimeOffset.MaxValue);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private AccessToken? _current;

    public bool CanRenew => true;

    public string Description => $"a token from the local authorization server of {baseUrl.GetLeftPart(UriPartial.Authority)} (Fhir:Auth:Mode local)";

    public async ValueTask<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } known && time.GetUtcNow() < known.RenewAt)
            return known;
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fetched && time.GetUtcNow() < fetched.RenewAt)
                return fetched;
            var provider = services.GetService<ILocalFhirTokenProvider>();
            LocalFhirToken? token;
            try
            {
                token = provider is null ? null : await provider.GetTokenAsync(baseUrl, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or System.Text.Json.JsonException)
            {
                throw FhirGatewayException.Create(System.Net.HttpStatusCode.Unauthorized, Hl7.Fhir.Model.OperationOutcome.IssueType.Login,
                    $"Could not get {Description}: {ex.Message}");
            }

            if (token is null)
                return _current = None;
            var now = time.GetUtcNow();
            var lifetime = token.Expires - now;
            var renewAt = token.Expires - (lifetime < renewBefore * 2 ? lifetime / 2 : renewBefore);
            return _current = new AccessToken(token.Value, renewAt);
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Invalidate(AccessToken token)
    {
        if (ReferenceEquals(_current, token))
            _current = null;
    }
}
