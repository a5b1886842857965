using System.Security.Cryptography;
using ClinicalAgent.Auth;
using ClinicalAgent.Fhir.Tests.Remote.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Cli.Tests;

/// <summary><c>auth token</c> and <c>auth client</c> against the real server, its state in this test run's user data folder.</summary>
public sealed class AuthCommandTests
{
    [Fact]
    public async Task Token_WithPatientAndUser_PrintsSignedUserTokenForThePatient()
    {
        var run = await CliRun.RunAsync("auth", "token", "--scope", "user/Observation.rs clinicalagent/approve", "--patient", "S1104961", "--user", "dr.house", "--lifetime", "00:02:00");

        Assert.True(run.ExitCode == 0, run.Error);
        var token = await ValidateAsync(run.Output.Trim(), "http://127.0.0.1:8080/fhir");
        Assert.Equal("dr.house", token.Subject);
        Assert.Equal("Practitioner/dr.house", token.GetClaim("fhirUser").Value);
        Assert.Equal("S1104961", token.GetClaim("patient").Value);
        Assert.Equal("user/Observation.rs clinicalagent/approve", token.GetClaim("scope").Value);
        Assert.Equal(LocalAuthority.CliClientId, token.GetClaim("client_id").Value);
        Assert.Equal(TimeSpan.FromMinutes(2), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Token_SystemScopeAndAudience_PrintsClientTokenForThatAudience()
    {
        var run = await CliRun.RunAsync("auth", "token", "--scope", "system/*.rs", "--audience", "https://ehr.example/fhir");

        Assert.True(run.ExitCode == 0, run.Error);
        var token = await ValidateAsync(run.Output.Trim(), "https://ehr.example/fhir");
        Assert.Equal(LocalAuthority.CliClientId, token.Subject);
        Assert.False(token.TryGetClaim("fhirUser", out _));
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Token_BadLifetime_IsOneLineError()
    {
        var run = await CliRun.RunAsync("auth", "token", "--scope", "system/*.rs", "--lifetime", "soon");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --lifetime 'soon' is not a positive time span such as 00:05:00.", run.Error.Trim());
    }

    [Fact]
    public async Task Client_AddListRemove_ShowsTheRegistration()
    {
        using var key = TestKey.Ec();
        var jwks = key.WriteJwks();
        var id = "backend-" + Guid.NewGuid().ToString("N")[..6];

        var add = await CliRun.RunAsync("auth", "client", "add", "--id", id, "--jwks", jwks, "--scope", "system/Observation.rs", "system/Patient.rs");
        var list = await CliRun.RunAsync("auth", "client", "list");
        var remove = await CliRun.RunAsync("auth", "client", "remove", id);
        var again = await CliRun.RunAsync("auth", "client", "remove", id);

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains($"{id}  keys:2  system/Observation.rs system/Patient.rs", list.Output);
        Assert.Contains(LocalAuthority.CliClientId, list.Output);
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal($"error: No client '{id}' is registered.", again.Error.Trim());
    }

    [Fact]
    public async Task ClientAdd_NeitherKeysNorPublic_IsOneLineError()
    {
        var run = await CliRun.RunAsync("auth", "client", "add", "--id", "lost");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Give either --jwks FILE", run.Error.Trim());
    }

    [Fact]
    public async Task ClientList_LifetimeSettingNotATimeSpan_FailsNamingTheKey()
    {
        var settings = Path.Combine(Directory.CreateTempSubdirectory("clinicalagent-settings-").FullName, "settings.json");
        await File.WriteAllTextAsync(settings, """{"Auth": {"Server": {"AccessTokenLifetime": "soon"}}}""");

        var run = await CliRun.RunAsync("auth", "client", "list", "--settings", settings);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("Auth:Server:AccessTokenLifetime", run.Error);
    }

    // The signing key is in the user data folder beside the store; its public half is what the server publishes.
    private static async Task<JsonWebToken> ValidateAsync(string accessToken, string audience)
    {
        var folder = LocalAuthorizationServerOptions.DefaultFolder();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "signing-key.pem")));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = "http://127.0.0.1:8080/auth",
            ValidAudience = audience,
            IssuerSigningKey = new RsaSecurityKey(rsa.ExportParameters(false)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "signing-key.pem")));
        return (JsonWebToken)result.SecurityToken;
    }
}
