using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// <c>Fhir:Auth:Mode = smart-backend</c>: tokens from the client credentials grant, cached until shortly before they
/// expire. Concurrent callers wait for one fetch rather than each asking the authorization server.
/// </summary>
internal sealed class SmartBackendTokenSource(
    TokenEndpointClient endpoint, SigningKey key, string clientId, string scope, TimeSpan renewBefore, TimeProvider time, ILogger logger)
    : IAccessTokenSource, IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private AccessToken? _current;

    public bool CanRenew => true;

    public string Description => $"the access token issued to client '{clientId}'";

    public async ValueTask<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _current)) is { } cached)
        {
            return cached;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the gate before us may have fetched the token we came for.
            if (Usable(_current) is { } fetched)
            {
                return fetched;
            }

            var token = await FetchAsync(cancellationToken);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Invalidate(AccessToken token) => Interlocked.CompareExchange(ref _current, null, token);

    public void Dispose()
    {
        key.Dispose();
        _fetching.Dispose();
    }

    private AccessToken? Usable(AccessToken? token) => token is not null && time.GetUtcNow() < token.RenewAt ? token : null;

    private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var tokenUrl = await endpoint.TokenUrlAsync(cancellationToken);

        // The clock before the request: the token's life is counted from no later than the server started it.
        var issuedAt = time.GetUtcNow();
        var assertion = ClientAssertion.Create(key, clientId, tokenUrl, issuedAt);
        var (value, lifetime) = await endpoint.RequestTokenAsync(tokenUrl, assertion, scope, cancellationToken);
        FhirAuthLog.TokenIssued(logger, clientId, tokenUrl, lifetime);

        var useFor = lifetime - renewBefore;
        if (useFor < lifetime / 2)
        {
            useFor = lifetime / 2;
        }

        return new AccessToken(value, issuedAt + useFor);
    }
}
