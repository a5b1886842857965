using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>A test EHR: an RSA key, its public JWKS, and the JWTs it signs for CDS Hooks calls (RS384).</summary>
internal sealed class EhrSigner : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public EhrSigner(string issuer, string keyId = "ehr-key-1")
    {
        Issuer = issuer;
        Key = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    public string Issuer { get; }

    public RsaSecurityKey Key { get; }

    /// <summary>The public half as a JWKS document.</summary>
    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha384;
        return System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = jwk.Use, alg = jwk.Alg, n = jwk.N, e = jwk.E } } });
    }

    /// <summary>A token for <paramref name="audience"/>, issued at <paramref name="now"/> for five minutes unless told otherwise.</summary>
    public string Token(string audience, DateTimeOffset now, TimeSpan? lifetime = null, string? jti = null, string? issuer = null, string? jku = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = null,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(5))).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", "ehr-client"), new Claim("jti", jti ?? Guid.NewGuid().ToString("N"))]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha384),
            AdditionalHeaderClaims = jku is null ? null : new Dictionary<string, object> { ["jku"] = jku },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}
