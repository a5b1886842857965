using System.Net;
using Hl7.Fhir.Model;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Fhir.Tests.Rest.Secured;

/// <summary>Tokens the resource server must refuse with 401 (and a reason), and the documents that stay public.</summary>
public sealed class FhirRestAuthenticationTests : IAsyncLifetime
{
    private SecuredFhirServer _server = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => _server = await SecuredFhirServer.StartAsync();

    public async System.Threading.Tasks.Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Refused => new()
    {
        { "none", "needs a bearer access token" },
        { "garbage", "could not be read" },
        { "expired", "expired" },
        { "wrong-audience", "another audience" },
        { "wrong-issuer", "issuer this server does not trust" },
        { "stranger-key", "signature" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async System.Threading.Tasks.Task Request_WithoutAValidToken_Is401WithTheReasonAndNoData(string token, string reason)
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id;
        using var client = _server.ClientWith(Token(token));

        using var read = await client.GetAsync($"Patient/{patient}");
        using var search = await client.GetAsync("Patient");
        using var create = await client.PostAsync("Patient", FhirHttp.Json(TestResources.Patient()));

        foreach (var response in new[] { read, search, create })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
            Assert.Contains(reason, outcome.Issue.Single().Diagnostics, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(1, (await _server.Store.SearchAsync("Patient", Search.SearchQuery.Parse(""))).Total);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.EcdsaSha384)]
    public async System.Threading.Tasks.Task Request_WithAValidRs384OrEs384Token_IsAnswered(string algorithm)
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id;
        using var client = _server.ClientWith(_server.Tokens.Create(_server.Audience, "system/*.rs", algorithm: algorithm));

        using var response = await client.GetAsync($"Patient/{patient}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(patient, (await FhirHttp.ReadAsync<Patient>(response)).Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Request_ExpiredWithinTheClockSkew_IsStillAnswered()
    {
        using var client = _server.ClientWith(_server.Tokens.Create(_server.Audience, "system/*.rs", expires: DateTime.UtcNow.AddSeconds(-20)));

        using var response = await client.GetAsync("Patient");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_WithoutAToken_IsPublicAndSaysSmartOnFhir()
    {
        using var client = _server.ClientWith(null);

        using var response = await client.GetAsync("metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var security = (await FhirHttp.ReadAsync<CapabilityStatement>(response)).Rest.Single().Security;
        Assert.Equal("SMART-on-FHIR", security.Service.Single().Coding.Single().Code);
        var oauth = security.GetExtension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        Assert.Equal($"{TestTokenIssuer.Issuer}/connect/token", oauth.GetExtensionValue<FhirUri>("token").Value);
        Assert.False(security.Cors);
    }

    [Fact]
    public async System.Threading.Tasks.Task SmartConfiguration_WithoutAToken_NamesTheIssuerAndV2Permissions()
    {
        using var client = _server.ClientWith(null);

        using var response = await client.GetAsync(".well-known/smart-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(TestTokenIssuer.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal($"{TestTokenIssuer.Issuer}/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Contains("permission-v2", root.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("private_key_jwt", root.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(c => c.GetString()));
    }

    private string? Token(string kind) => kind switch
    {
        "none" => null,
        "garbage" => "garbage",
        "expired" => _server.Tokens.Create(_server.Audience, "system/*.rs", expires: DateTime.UtcNow.AddMinutes(-5)),
        "wrong-audience" => _server.Tokens.Create("https://other.example/fhir", "system/*.rs"),
        "wrong-issuer" => _server.Tokens.Create(_server.Audience, "system/*.rs", issuer: "https://evil.example"),
        "stranger-key" => _server.Tokens.Create(_server.Audience, "system/*.rs", key: _server.Tokens.StrangerKey),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
