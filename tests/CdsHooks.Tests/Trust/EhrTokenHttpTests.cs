using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Tests.Host;

namespace ClinicalAgent.CdsHooks.Tests.Trust;

/// <summary>The EHR's JWT on real HTTP: anything but a fresh token from a trusted issuer for this service is a 401.</summary>
[Collection(ServeCollection.Name)]
public sealed class EhrTokenHttpTests(ServeFixture serve)
{
    private const string Path = "/cds-services/hypokalemia";

    // No prefetch and no fhirServer: an accepted token gets as far as the 412, a refused one stops at 401.
    private static JsonObject Request() => CdsRequests.PatientView("S1104961");

    [Fact]
    public async Task Invoke_NoToken_Answers401WithShortJsonError()
    {
        var (status, body) = await serve.PostAsync(Path, Request(), bearer: null);

        Assert.Equal(401, status);
        Assert.Equal("A bearer JWT from a trusted EHR is required.", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_ExpiredToken_Answers401()
    {
        var token = serve.Ehr.Token(serve.ServiceUrl("hypokalemia"), DateTimeOffset.UtcNow.AddHours(-1));

        var (status, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(401, status);
        Assert.Equal("The token has expired.", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_TokenForAnotherService_Answers401()
    {
        var token = serve.Ehr.Token(serve.ServiceUrl("renal-dosing"), DateTimeOffset.UtcNow);

        var (status, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(401, status);
        Assert.Equal("The token's audience is not this service.", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_UnknownIssuer_Answers401()
    {
        using var stranger = new EhrSigner("https://stranger.test/issuer");
        var token = stranger.Token(serve.ServiceUrl("hypokalemia"), DateTimeOffset.UtcNow);

        var (status, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(401, status);
        Assert.Equal("The token's issuer is not trusted.", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_TrustedIssuerSignedByAnotherKey_Answers401()
    {
        using var forger = new EhrSigner(ServeFixture.EhrIssuer, keyId: serve.Ehr.Key.KeyId!);
        var token = forger.Token(serve.ServiceUrl("hypokalemia"), DateTimeOffset.UtcNow);

        var (status, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(401, status);
        Assert.Contains("signature", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ReplayedJti_SecondCallAnswers401()
    {
        var token = serve.EhrToken("hypokalemia");

        var (first, _) = await serve.PostAsync(Path, Request(), token);
        var (second, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(412, first);
        Assert.Equal(401, second);
        Assert.Equal("The token was already used (jti replay).", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_JkuNotOnTheAllowList_Answers401()
    {
        var token = serve.Ehr.Token(serve.ServiceUrl("hypokalemia"), DateTimeOffset.UtcNow, jku: "https://evil.test/jwks");

        var (status, body) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(401, status);
        Assert.Equal("The token's jku is not the issuer's JWKS URL.", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_JkuOfTheIssuer_IsAccepted()
    {
        var token = serve.Ehr.Token(serve.ServiceUrl("hypokalemia"), DateTimeOffset.UtcNow, jku: serve.Jwks.Url);

        var (status, _) = await serve.PostAsync(Path, Request(), token);

        Assert.Equal(412, status);
    }
}
