using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.CdsHooks.Trust;

/// <summary>
/// The trusted issuers' public keys: a JWKS URL is fetched over HTTP and kept for <see cref="CdsHooksOptions.JwksCacheDuration"/>
/// (a token signed by a key id not in it refetches once, for key rotation); a JWKS file is read once.
/// </summary>
internal sealed class JwksCache(HttpClient http, TimeProvider time, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, (IReadOnlyList<SecurityKey> Keys, DateTimeOffset Until)> _keys = new(StringComparer.Ordinal);

    /// <summary>The issuer's signing keys; <paramref name="refresh"/> fetches a URL's keys again even when cached.</summary>
    /// <exception cref="CdsTrustException">The keys cannot be fetched or read.</exception>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(CdsIssuerOptions issuer, bool refresh, CancellationToken cancellationToken)
    {
        var source = issuer.JwksUrl ?? issuer.JwksFile ?? throw new CdsTrustException($"Issuer {issuer.Issuer} has no JwksUrl or JwksFile configured.");
        var now = time.GetUtcNow();
        if (!refresh && _keys.TryGetValue(source, out var cached) && cached.Until > now)
        {
            return cached.Keys;
        }

        string json;
        try
        {
            json = issuer.JwksUrl is { } url
                ? await http.GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(issuer.JwksFile!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException or UriFormatException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CdsTrustException("The issuer's JWKS cannot be fetched.", ex);
        }

        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
        }
        catch (ArgumentException ex)
        {
            throw new CdsTrustException("The issuer's JWKS is not a JSON Web Key Set.", ex);
        }

        _keys[source] = (keys, issuer.JwksFile is not null && issuer.JwksUrl is null ? DateTimeOffset.MaxValue : now + duration);
        return keys;
    }
}
