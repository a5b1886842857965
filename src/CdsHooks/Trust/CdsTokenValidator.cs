using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.CdsHooks.Trust;

/// <summary>
/// Checks the EHR's <c>Authorization: Bearer</c> JWT as CDS Hooks 2.0 asks: <c>iss</c> on the allow-list, a <c>jku</c>
/// header (if any) equal to that issuer's JWKS URL, the signature against its keys, <c>aud</c> the service's own URL,
/// <c>exp</c> and <c>iat</c> within the clock skew (on <see cref="TimeProvider"/>), and a <c>jti</c> used once.
/// </summary>
internal sealed class CdsTokenValidator(CdsHooksOptions options, JwksCache keys, JtiReplayCache replays, TimeProvider time)
{
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The caller of a request with <paramref name="authorization"/> to the service at <paramref name="audience"/>.</summary>
    /// <exception cref="CdsTrustException">The token is missing or not accepted, saying why in a few words.</exception>
    public async Task<CdsCaller> ValidateAsync(string? authorization, string audience, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            throw new CdsTrustException("A bearer JWT from a trusted EHR is required.");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(authorization[7..].Trim());
        }
        catch (ArgumentException)
        {
            throw new CdsTrustException("The bearer token is not a JWT.");
        }

        var issuer = options.Issuers.FirstOrDefault(i => string.Equals(i.Issuer, token.Issuer, StringComparison.Ordinal))
            ?? throw new CdsTrustException("The token's issuer is not trusted.");
        if (token.TryGetHeaderValue<string>("jku", out var jku) && !string.Equals(jku, issuer.JwksUrl, StringComparison.Ordinal))
        {
            throw new CdsTrustException("The token's jku is not the issuer's JWKS URL.");
        }

        await CheckSignatureAsync(token, issuer, cancellationToken).ConfigureAwait(false);
        if (!token.Audiences.Any(a => SameUrl(a, audience)))
        {
            throw new CdsTrustException("The token's audience is not this service.");
        }

        var now = time.GetUtcNow();
        var expires = Seconds(token, "exp") ?? throw new CdsTrustException("The token has no exp.");
        var issued = Seconds(token, "iat") ?? throw new CdsTrustException("The token has no iat.");
        if (expires + options.ClockSkew <= now)
        {
            throw new CdsTrustException("The token has expired.");
        }

        if (issued - options.ClockSkew > now)
        {
            throw new CdsTrustException("The token is issued in the future.");
        }

        var jti = token.Id;
        if (string.IsNullOrEmpty(jti))
        {
            throw new CdsTrustException("The token has no jti.");
        }

        if (!replays.TryUse(issuer.Issuer, jti, expires + options.ClockSkew))
        {
            throw new CdsTrustException("The token was already used (jti replay).");
        }

        return new CdsCaller(issuer.Issuer, string.IsNullOrEmpty(token.Subject) ? null : token.Subject,
            token.TryGetPayloadValue<string>("tenant", out var tenant) ? tenant : null);
    }

    private async Task CheckSignatureAsync(JsonWebToken token, CdsIssuerOptions issuer, CancellationToken cancellationToken)
    {
        // A key id the cached set lacks may be a rotated key: fetch the set once more before refusing.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var signingKeys = await keys.GetAsync(issuer, refresh: attempt > 0, cancellationToken).ConfigureAwait(false);
            var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = issuer.Issuer,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = false,
                IssuerSigningKeys = signingKeys,
                ValidAlgorithms = Algorithms,
                TryAllIssuerSigningKeys = true,
            }).ConfigureAwait(false);
            if (result.IsValid)
            {
                return;
            }

            if (result.Exception is not SecurityTokenSignatureKeyNotFoundException || issuer.JwksUrl is null)
            {
                break;
            }
        }

        throw new CdsTrustException("The token's signature does not verify against the issuer's keys.");
    }

    private static DateTimeOffset? Seconds(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<long>(claim, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static bool SameUrl(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
