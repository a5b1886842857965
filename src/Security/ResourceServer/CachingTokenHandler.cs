using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>
/// The JWT handler of the resource server, remembering tokens it has validated until they expire. A client sends the
/// same token with every request for its whole life (minutes), and checking its signature again each time cost about a
/// fifth of a cheap search's throughput. The checks themselves (signature, issuer, audience, lifetime) are the base
/// handler's, run once per distinct token; a remembered token is still refused from the moment it expires.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    // Enough for every client of a busy server; past it the cache starts over rather than grow.
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime Expires)> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = time.GetUtcNow().UtcDateTime;
        if (_validated.TryGetValue(token, out var known) && now < known.Expires)
        {
            // Each request gets its own identity: later stages may add claims to theirs.
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = known.Result.ClaimsIdentity.Clone(),
                SecurityToken = known.Result.SecurityToken,
                TokenType = known.Result.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            if (_validated.Count >= Capacity)
                _validated.Clear();
            _validated[token] = (result, validTo + validationParameters.ClockSkew);
        }

        return result;
    }
}
