using System.Security.Claims;
using System.Text.Encodings.Web;
using ClinicalAgent.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Fhir.Tests.Audit;

/// <summary>
/// A test-only authentication scheme: the caller's claims come from <c>X-Test-*</c> headers, standing in for a
/// validated token until the JWT bearer handler is wired in. No header, no identity.
/// </summary>
public sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeaders";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var claims = new List<Claim>();
        void Add(string header, string claim)
        {
            if (Request.Headers[header].ToString() is { Length: > 0 } value)
                claims.Add(new Claim(claim, value));
        }

        Add("X-Test-Sub", SmartClaims.Subject);
        Add("X-Test-FhirUser", SmartClaims.FhirUser);
        Add("X-Test-Client", SmartClaims.ClientId);
        Add("X-Test-Name", SmartClaims.Name);
        Add("X-Test-Scope", SmartClaims.Scope);
        if (claims.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
