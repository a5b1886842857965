using System.Security.Cryptography;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Reads <c>Fhir:Auth:KeyFile</c>: a PEM private key or a JWK/JWKS JSON file. What is wrong with it is an
/// <see cref="ArgumentException"/> naming the key and the file, never the key material.
/// </summary>
internal static class SigningKeyFile
{
    // P-384 by OID: its friendly name differs between platforms (nistP384, secP384r1, ECDSA_P384).
    private const string P384Oid = "1.3.132.0.34";
    private const int MinimumRsaBits = 2048;

    /// <summary>Loads the key, checking it against the configured <paramref name="keyId"/> and <paramref name="algorithm"/>.</summary>
    /// <exception cref="ArgumentException">The file is missing, unreadable, holds no usable private key, or disagrees with the settings.</exception>
    public static SigningKey Load(string path, string? keyId, string? algorithm)
    {
        if (algorithm is { Length: > 0 } && algorithm is not (SigningKey.Rs384 or SigningKey.Es384))
        {
            throw new ArgumentException($"Fhir:Auth:Algorithm '{algorithm}' is not supported; use RS384 or ES384.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' cannot be read: {ex.Message}");
        }

        var key = text.TrimStart().StartsWith('{')
            ? FromJson(text, path, keyId)
            : FromPem(text, path, keyId);
        try
        {
            Check(key, path, algorithm);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static SigningKey FromPem(string text, string path, string? keyId)
    {
        if (keyId is not { Length: > 0 })
        {
            throw new ArgumentException($"Fhir:Auth:KeyId is required with the PEM key '{path}': the kid of this key in the JWKS registered with the EHR.");
        }

        // openssl's "ecparam -genkey" writes an EC PARAMETERS block before the key; skip blocks that are not keys.
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            var der = Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
            rest = rest[fields.Location.End..];
            try
            {
                switch (label)
                {
                    case "PRIVATE KEY":
                        return FromPkcs8(der, keyId);
                    case "RSA PRIVATE KEY":
                        var rsa = RSA.Create();
                        rsa.ImportRSAPrivateKey(der, out _);
                        return SigningKey.ForRsa(rsa, keyId);
                    case "EC PRIVATE KEY":
                        var ecdsa = ECDsa.Create();
                        ecdsa.ImportECPrivateKey(der, out _);
                        return SigningKey.ForEcdsa(ecdsa, keyId);
                    case "ENCRYPTED PRIVATE KEY":
                        throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' is encrypted; store it unencrypted with restricted file permissions (openssl pkcs8 -topk8 -nocrypt).");
                }
            }
            catch (CryptographicException)
            {
                throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a {label} block that is not a valid key.");
            }
        }

        throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' holds no private key (expected a PEM PRIVATE KEY block or a JWK/JWKS JSON file).");
    }

    private static SigningKey FromPkcs8(byte[] der, string keyId)
    {
        // PKCS#8 names its algorithm inside; trying RSA then EC is simpler than reading the ASN.1 ourselves.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(der, out _);
            return SigningKey.ForRsa(rsa, keyId);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(der, out _);
            return SigningKey.ForEcdsa(ecdsa, keyId);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static SigningKey FromJson(string text, string path, string? keyId)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JwkReader.Read(document.RootElement, path, keyId);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' is not valid JSON: {ex.Message}");
        }
    }

    private static void Check(SigningKey key, string path, string? algorithm)
    {
        if (algorithm is { Length: > 0 } && algorithm != key.Algorithm)
        {
            throw new ArgumentException($"Fhir:Auth:Algorithm is {algorithm}, but Fhir:Auth:KeyFile '{path}' holds a key for {key.Algorithm}.");
        }

        var (bits, curve) = key.Describe();
        if (key.Algorithm == SigningKey.Rs384 && bits < MinimumRsaBits)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' holds a {bits}-bit RSA key; use at least {MinimumRsaBits} bits.");
        }

        if (key.Algorithm == SigningKey.Es384 && curve != P384Oid)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' holds an EC key that is not on P-384, which ES384 requires.");
        }
    }
}
