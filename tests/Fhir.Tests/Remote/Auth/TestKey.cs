using System.Security.Cryptography;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// A key pair generated for one test, written into a temporary folder as the client's key file (PEM or JWK); the
/// public half is what the test authorization server registers. Nothing here is ever committed.
/// </summary>
public sealed class TestKey : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-key-").FullName;

    private TestKey(AsymmetricAlgorithm key, string kid)
    {
        Key = key;
        KeyId = kid;
    }

    /// <summary>The key pair (an <see cref="RSA"/> or an <see cref="ECDsa"/> on P-384).</summary>
    public AsymmetricAlgorithm Key { get; }

    public string KeyId { get; }

    public static TestKey Rsa(int bits = 2048) => new(RSA.Create(bits), "rsa-" + Guid.NewGuid().ToString("N")[..8]);

    public static TestKey Ec() => new(ECDsa.Create(ECCurve.NamedCurves.nistP384), "ec-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The private key as PKCS#8 PEM (what <c>openssl genpkey</c> writes).</summary>
    public string WritePem() => Write("key.pem", Key.ExportPkcs8PrivateKeyPem());

    /// <summary>The private key as a single JWK with its kid.</summary>
    public string WriteJwk() => Write("key.jwk.json", JwkWriter.Json(PrivateJwk()));

    /// <summary>A JWKS holding an unrelated public key and then this private key, as a rotation leaves it.</summary>
    public string WriteJwks()
    {
        using var other = RSA.Create(2048);
        return Write("keys.jwks.json", JwkWriter.JwksJson(JwkWriter.Rsa(other, "retired", includePrivate: false), PrivateJwk()));
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        Key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> PrivateJwk() => Key is RSA rsa
        ? JwkWriter.Rsa(rsa, KeyId, includePrivate: true)
        : JwkWriter.Ec((ECDsa)Key, KeyId, includePrivate: true);
}
