using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>
/// How served endpoints validate access tokens (configuration section <c>Auth</c>). Tokens are JWTs signed by the
/// issuer: their keys come from <see cref="SigningKeys"/> (the local authorization server's, or a test's), a JWKS
/// file, or the issuer's published metadata.
/// </summary>
public sealed class ResourceServerOptions
{
    public const string SectionName = "Auth";

    /// <summary>Authorization on every served endpoint but the public ones (metadata, SMART configuration). Off only with <c>--insecure-no-auth</c>, on loopback.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The expected <c>iss</c>: the authorization server's issuer URL.</summary>
    public string? Issuer { get; set; }

    /// <summary>Where to discover the issuer's keys (<c>{Authority}/.well-known/openid-configuration</c>) when no keys are configured; default the issuer.</summary>
    public string? Authority { get; set; }

    /// <summary>The accepted <c>aud</c> values. Empty: this server's own FHIR base URLs (<c>http://127.0.0.1:8080/fhir</c>, and <c>localhost</c> for a loopback address).</summary>
    public string[] Audience { get; set; } = [];

    /// <summary>A JWKS file with the issuer's public keys, for an issuer whose metadata this server cannot reach.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Tolerance on <c>exp</c> and <c>nbf</c> for clocks that disagree.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The authorization server's endpoints as <c>/.well-known/smart-configuration</c> publishes them; default the
    /// issuer's <c>/connect/authorize</c> and <c>/connect/token</c>. A path (<c>/auth/connect/token</c>) is resolved
    /// against the address the request came in on: an authorization server in the same host, on whatever port.
    /// </summary>
    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? JwksUri { get; set; }

    /// <summary>
    /// Audiences accepted besides <see cref="Audience"/> (or this server's own bases): set in code to the local
    /// authorization server's default audience, so a token from <c>auth token</c> works on a server at another port.
    /// </summary>
    public IList<string> AlsoAcceptedAudiences { get; } = [];

    /// <summary>Keys set in code: the local authorization server's public keys, or a test's.</summary>
    public IList<SecurityKey> SigningKeys { get; } = [];
}
