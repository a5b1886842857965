using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>Wrong <c>Fhir:Auth:*</c> settings fail when the services are registered, naming the key, never the key material.</summary>
public sealed class FhirAuthSettingsTests : IDisposable
{
    private readonly TestKey _rsa = TestKey.Rsa();

    [Fact]
    public void AddFhir_UnknownMode_ThrowsListingModes()
    {
        var failure = Assert.Throws<ArgumentException>(() => AddFhir(new() { ["Auth:Mode"] = "oauth" }));

        Assert.Equal("Fhir:Auth:Mode 'oauth' is not known; use auto, none, local, bearer or smart-backend.", failure.Message);
    }

    [Fact]
    public void AddFhir_SmartBackendWithoutClientId_ThrowsNamingClientId()
    {
        var failure = Assert.Throws<ArgumentException>(() => AddFhir(new() { ["Auth:Mode"] = "smart-backend", ["Auth:KeyFile"] = _rsa.WriteJwk() }));

        Assert.Contains("Fhir:Auth:ClientId is not set", failure.Message);
    }

    [Fact]
    public void AddFhir_PemWithoutKeyId_ThrowsNamingKeyId()
    {
        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(_rsa.WritePem())));

        Assert.Contains("Fhir:Auth:KeyId is required", failure.Message);
    }

    [Fact]
    public void AddFhir_MissingKeyFile_ThrowsNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-key-" + Guid.NewGuid().ToString("N") + ".pem");

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(path, "kid-1")));

        Assert.Contains($"Fhir:Auth:KeyFile '{path}' cannot be read", failure.Message);
    }

    [Fact]
    public void AddFhir_AlgorithmDisagreesWithKey_ThrowsNamingBoth()
    {
        var settings = SmartBackend(_rsa.WriteJwk());
        settings["Auth:Algorithm"] = "ES384";

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(settings));

        Assert.Contains("Fhir:Auth:Algorithm is ES384", failure.Message);
        Assert.Contains("a key for RS384", failure.Message);
    }

    [Fact]
    public void AddFhir_SmallRsaKey_ThrowsAskingFor2048Bits()
    {
        using var small = TestKey.Rsa(1024);

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(small.WriteJwk())));

        Assert.Contains("1024-bit RSA key; use at least 2048 bits", failure.Message);
    }

    [Fact]
    public void AddFhir_EcKeyNotOnP384_ThrowsNamingCurve()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = _rsa.Write("p256.pem", p256.ExportPkcs8PrivateKeyPem());

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(path, "kid-1")));

        Assert.Contains("not on P-384", failure.Message);
    }

    [Fact]
    public void AddFhir_EncryptedPem_ThrowsAskingForUnencryptedKey()
    {
        var pem = ((RSA)_rsa.Key).ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var path = _rsa.Write("encrypted.pem", pem);

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(path, "kid-1")));

        Assert.Contains("is encrypted", failure.Message);
    }

    [Fact]
    public void AddFhir_PublicJwksOnly_ThrowsNoPrivateKey()
    {
        var path = _rsa.Write("public.jwks.json", JwkWriter.JwksJson(JwkWriter.Rsa((RSA)_rsa.Key, _rsa.KeyId, includePrivate: false)));

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(path)));

        Assert.Contains("holds no private JWK", failure.Message);
        Assert.DoesNotContain(JwkWriter.Rsa((RSA)_rsa.Key, _rsa.KeyId, includePrivate: false)["n"], failure.Message);
    }

    [Fact]
    public void AddFhir_JwkKidDiffersFromKeyId_ThrowsNamingKeyId()
    {
        var settings = SmartBackend(_rsa.WriteJwks(), "other-kid");

        var failure = Assert.Throws<ArgumentException>(() => AddFhir(settings));

        Assert.Contains("no private key with kid 'other-kid'", failure.Message);
    }

    [Fact]
    public void AddFhir_AuthOverPlainHttpToAnotherMachine_ThrowsAskingForHttps()
    {
        var failure = Assert.Throws<ArgumentException>(() => AddFhir(SmartBackend(_rsa.WriteJwk()), "http://ehr.example/fhir"));

        Assert.Contains("would travel in clear text. Use https.", failure.Message);
    }

    [Fact]
    public void AddFhir_ModeNone_RegistersGatewayWithoutAnyKeyOrToken()
    {
        using var provider = AddFhir(new() { ["Auth:Mode"] = "none" }).BuildServiceProvider();

        Assert.IsType<Fhir.Remote.RemoteFhirGateway>(provider.GetRequiredService<IFhirGateway>());
    }

    public void Dispose() => _rsa.Dispose();

    private Dictionary<string, string?> SmartBackend(string keyFile, string? keyId = null) => new()
    {
        ["Auth:Mode"] = "smart-backend",
        ["Auth:ClientId"] = "client-1",
        ["Auth:KeyFile"] = keyFile,
        ["Auth:KeyId"] = keyId,
    };

    private static ServiceCollection AddFhir(Dictionary<string, string?> settings, string baseUrl = "https://ehr.example/fhir")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Fhir:" + s.Key, s.Value)).Append(KeyValuePair.Create("Fhir:BaseUrl", (string?)baseUrl)))
            .Build();
        var services = new ServiceCollection();
        services.AddFhir(configuration);
        return services;
    }
}
