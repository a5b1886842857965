using System.Security.Claims;
using System.Security.Cryptography;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Bench.Rest;

/// <summary>
/// The served facade with authorization on, as <c>serve</c> runs it: the JWT bearer handler validating every request's
/// token (an RS256 key made here, as the local authorization server signs), scopes and compartment checked per
/// interaction. Requests carry one <c>user/*.rs</c> token, as a client reuses its token until it expires.
/// </summary>
internal static class AuthorizedVariant
{
    private const string Issuer = "https://bench.local/auth";
    private const string Audience = "https://bench.local/fhir";

    // One key for the run; never disposed, since IdentityModel caches signature providers by key for the process.
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "bench" };

    public static RestVariant Create(string name, Action<IServiceCollection, string> others) => new(
        name,
        (services, folder) =>
        {
            others(services, folder);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new("Auth:Issuer", Issuer), new("Auth:Audience:0", Audience)])
                .Build();
            services.AddSmartResourceServer(configuration, options => options.SigningKeys.Add(Key));
        },
        BearerToken: Token());

    private static string Token() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "bench-user"), new Claim("fhirUser", "Practitioner/bench")]),
        Claims = new Dictionary<string, object> { ["scope"] = "user/*.rs", ["client_id"] = "bench" },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
    });
}
