using ClinicalAgent.Auth.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Auth.Tests;

public sealed class LocalAuthorityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clinicalagent-authority-").FullName;

    [Fact]
    public void PublicSigningKeys_SecondStartOnSameFolder_AreTheSameKey()
    {
        var first = Authority().PublicSigningKeys[0].KeyId;

        var second = Authority().PublicSigningKeys[0].KeyId;

        Assert.Equal(first, second);
    }

    [Fact]
    public void PublicSigningKeys_DamagedKeyFile_FailsNamingTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_root, "auth"));
        File.WriteAllText(Path.Combine(_root, "auth", "signing-key.pem"), "not a key");

        var error = Assert.Throws<InvalidDataException>(() => Authority().PublicSigningKeys);

        Assert.Contains("signing-key.pem", error.Message);
    }

    [Fact]
    public void Endpoints_FromIssuer_AreUnderIt()
    {
        var authority = Authority("https://auth.example/auth/");

        Assert.Equal("https://auth.example/auth/connect/token", authority.TokenEndpoint.AbsoluteUri);
        Assert.Equal("https://auth.example/auth/connect/authorize", authority.AuthorizationEndpoint.AbsoluteUri);
        Assert.Equal("https://auth.example/auth/.well-known/jwks", authority.JwksUri.AbsoluteUri);
        Assert.StartsWith("https://auth.example/auth/signin?ticket=", authority.CreateSignInLink().AbsoluteUri);
    }

    [Fact]
    public void Constructor_IssuerNotAUrl_FailsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => Authority("auth server"));

        Assert.Contains("Auth:Server:Issuer", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LocalAuthority Authority(string issuer = "http://127.0.0.1:8080/auth")
    {
        var options = Options.Create(new LocalAuthorizationServerOptions { Folder = Path.Combine(_root, "auth"), Issuer = issuer });
        return new LocalAuthority(options, new SignInSessions(options, TimeProvider.System));
    }
}
