using System.Security.Claims;
using System.Security.Cryptography;
using ClinicalAgent.Fhir.Tests.Remote.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Tests;

/// <summary>A backend client's key pair made in the test, and the assertions it signs (RS384 or ES384).</summary>
public sealed class ClientKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private ClientKey(AsymmetricAlgorithm key, string kid)
    {
        _key = key;
        KeyId = kid;
    }

    public string KeyId { get; }

    public static ClientKey Rsa() => new(RSA.Create(2048), "rsa-" + Guid.NewGuid().ToString("N")[..8]);

    public static ClientKey Ec() => new(ECDsa.Create(ECCurve.NamedCurves.nistP384), "ec-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The public key as a JWKS, what <c>auth client add --jwks</c> reads.</summary>
    public string PublicJwks() => JwkWriter.JwksJson(_key is RSA rsa
        ? JwkWriter.Rsa(rsa, KeyId, includePrivate: false)
        : JwkWriter.Ec((ECDsa)_key, KeyId, includePrivate: false));

    /// <summary>A SMART Backend Services assertion: iss = sub = client, the given audience, a jti, expiring after <paramref name="lifetime"/>.</summary>
    public string Assertion(string clientId, string audience, string? jti = null, TimeSpan? lifetime = null, DateTime? issuedAt = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        SecurityKey key = _key is RSA rsa ? new RsaSecurityKey(rsa) { KeyId = KeyId } : new ECDsaSecurityKey((ECDsa)_key) { KeyId = KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", jti ?? Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(4)),
            SigningCredentials = new SigningCredentials(key, _key is RSA ? SecurityAlgorithms.RsaSha384 : SecurityAlgorithms.EcdsaSha384),
        });
    }

    public void Dispose() => _key.Dispose();
}
