using System.Security.Claims;
using System.Security.Cryptography;
using ClinicalAgent.CdsHooks;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Bench.CdsHooks;

/// <summary>
/// <c>/fhir</c> and <c>/cds-services</c> on loopback, registered as <c>serve</c> registers them (the store, tools,
/// workflows with the sample definitions, authorization on with a bench key, audit on), plus a bench EHR whose JWTs
/// the services trust (its JWKS from a file) and the tokens both need.
/// </summary>
internal sealed class CdsBenchHost : IAsyncDisposable
{
    public const string EhrIssuer = "https://ehr.bench/issuer";
    private const string Issuer = "https://bench.local/auth";
    private const string Audience = "https://bench.local/fhir";

    // Never disposed: IdentityModel caches signature providers by key for the process.
    private static readonly RsaSecurityKey ServerKey = new(RSA.Create(2048)) { KeyId = "bench" };
    private static readonly RsaSecurityKey EhrKey = new(RSA.Create(2048)) { KeyId = "ehr" };

    private readonly WebApplication _app;

    private CdsBenchHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<CdsBenchHost> StartAsync(string folder, string database)
    {
        var jwks = Path.Combine(folder, "ehr-jwks.json");
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(EhrKey.Rsa.ExportParameters(false)) { KeyId = EhrKey.KeyId });
        await File.WriteAllTextAsync(jwks, System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(
        [
            new("Fhir:Database", database),
            new("Workflows:Folder", SamplesFolder()),
            new("Workflows:Database", Path.Combine(folder, "workflows.db")),
            new("Auth:Issuer", Issuer),
            new("Auth:Audience:0", Audience),
            new("CdsHooks:Issuers:0:Issuer", EhrIssuer),
            new("CdsHooks:Issuers:0:JwksFile", jwks),
        ]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddFhir(builder.Configuration);
        builder.Services.AddClinicalTools(builder.Configuration);
        builder.Services.AddWorkflows(builder.Configuration);
        builder.Services.AddFhirRest();
        builder.Services.AddSmartResourceServer(builder.Configuration, options => options.SigningKeys.Add(ServerKey));
        builder.Services.AddCdsHooks(builder.Configuration);
        var app = builder.Build();
        app.MapFhirRest();
        app.MapCdsHooks();
        await app.StartAsync();
        return new CdsBenchHost(app, app.Urls.First().TrimEnd('/'));
    }

    /// <summary>A token for the served /fhir (what the EHR hands over as fhirAuthorization).</summary>
    public static string FhirToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "cds-bench")]),
        Claims = new Dictionary<string, object> { ["scope"] = "system/*.rs", ["client_id"] = "cds-bench" },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(ServerKey, SecurityAlgorithms.RsaSha256),
    });

    /// <summary>A fresh EHR JWT for <paramref name="audience"/> (a new jti each: a token is good for one call).</summary>
    public static string EhrToken(string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = EhrIssuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", "ehr"), new Claim("jti", Guid.NewGuid().ToString("N"))]),
        IssuedAt = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(EhrKey, SecurityAlgorithms.RsaSha384),
    });

    private static string SamplesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                return Path.Combine(folder.FullName, "samples", "workflows");
        }

        throw new DirectoryNotFoundException("The benchmark runs inside the repository (samples/workflows).");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
