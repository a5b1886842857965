using System.Security.Cryptography;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Fhir.Tests.Rest.Secured;

/// <summary>
/// Signs access tokens the way an authorization server would, with keys made in the test: an RSA key (RS384) and an
/// EC P-384 key (ES384) the server trusts, and a stranger key it does not.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    public const string Issuer = "https://auth.test/issuer";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly RSA _stranger = RSA.Create(2048);

    public TestTokenIssuer()
    {
        RsaKey = new RsaSecurityKey(_rsa) { KeyId = "rsa-1" };
        EcKey = new ECDsaSecurityKey(_ec) { KeyId = "ec-1" };
        StrangerKey = new RsaSecurityKey(_stranger) { KeyId = "rsa-1" };
    }

    public SecurityKey RsaKey { get; }

    public SecurityKey EcKey { get; }

    public SecurityKey StrangerKey { get; }

    /// <summary>
    /// Puts authorization on in a test host, trusting this issuer's RSA and EC keys; <paramref name="audience"/> is the
    /// accepted <c>aud</c> (default: the server's own FHIR base).
    /// </summary>
    public void TrustedBy(WebApplicationBuilder builder, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new List<KeyValuePair<string, string?>> { new("Auth:Issuer", Issuer) };
        if (audience is not null)
            settings.Add(new("Auth:Audience:0", audience));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSmartResourceServer(builder.Configuration, options =>
        {
            options.SigningKeys.Add(RsaKey);
            options.SigningKeys.Add(EcKey);
        });
    }

    /// <summary>A token for <paramref name="audience"/> with <paramref name="scope"/>; the optional values change one thing each.</summary>
    public string Create(
        string audience,
        string scope,
        string? patient = null,
        string? fhirUser = null,
        string subject = "test-subject",
        string clientId = "test-client",
        string issuer = Issuer,
        DateTime? expires = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha384,
        string? name = null)
    {
        var claims = new Dictionary<string, object> { ["scope"] = scope, ["client_id"] = clientId };
        if (name is not null)
            claims["name"] = name;
        if (patient is not null)
            claims["patient"] = patient;
        if (fhirUser is not null)
            claims["fhirUser"] = fhirUser;
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? (algorithm.StartsWith("ES", StringComparison.Ordinal) ? EcKey : RsaKey), algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _stranger.Dispose();
    }
}
