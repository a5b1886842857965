using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>Reads a private key from a JWK (RFC 7517/7518) or from a JWKS's <c>keys</c>.</summary>
internal static class JwkReader
{
    /// <exception cref="ArgumentException">No private key, several without <c>Fhir:Auth:KeyId</c>, or a malformed one.</exception>
    public static SigningKey Read(JsonElement root, string path, string? keyId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' is neither a JWK nor a JWKS object.");
        }

        var candidates = root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? [.. keys.EnumerateArray()]
            : new[] { root };

        // Only private keys can sign; a JWKS often mixes them with the public halves of rotated keys.
        var privateKeys = candidates.Where(k => k.ValueKind == JsonValueKind.Object && k.TryGetProperty("d", out _)).ToArray();
        var chosen = keyId is { Length: > 0 }
            ? privateKeys.Where(k => Text(k, "kid") == keyId).ToArray()
            : privateKeys;
        var jwk = chosen.Length switch
        {
            1 => chosen[0],
            0 when privateKeys.Length == 0 => throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' holds no private JWK (one with \"d\"); the public JWKS is what the EHR gets, the private key is what signs."),
            0 => throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has no private key with kid '{keyId}' (Fhir:Auth:KeyId)."),
            _ => throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' holds {chosen.Length} private keys; set Fhir:Auth:KeyId to the kid of the one to sign with."),
        };

        var kid = keyId is { Length: > 0 } ? keyId : Text(jwk, "kid")
            ?? throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a JWK without a \"kid\"; add one or set Fhir:Auth:KeyId.");
        var kty = Text(jwk, "kty");
        try
        {
            var key = kty switch
            {
                "RSA" => SigningKey.ForRsa(Rsa(jwk, path), kid),
                "EC" => SigningKey.ForEcdsa(Ec(jwk, path), kid),
                _ => throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a JWK of kty '{kty}'; use RSA or EC (P-384)."),
            };
            if (Text(jwk, "alg") is { } alg && alg != key.Algorithm)
            {
                key.Dispose();
                throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a JWK for alg '{alg}'; use RS384 or ES384.");
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a {kty} JWK that is not a valid private key.");
        }
    }

    private static RSA Rsa(JsonElement jwk, string path)
    {
        var modulus = Bytes(jwk, "n", path);
        var half = (modulus.Length + 1) / 2;
        var rsa = RSA.Create();
        try
        {
            // JWK integers drop leading zero octets (RFC 7518 §6.3); RSAParameters wants them at full length.
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = modulus,
                Exponent = Bytes(jwk, "e", path),
                D = Padded(Bytes(jwk, "d", path), modulus.Length),
                P = Padded(Bytes(jwk, "p", path), half),
                Q = Padded(Bytes(jwk, "q", path), half),
                DP = Padded(Bytes(jwk, "dp", path), half),
                DQ = Padded(Bytes(jwk, "dq", path), half),
                InverseQ = Padded(Bytes(jwk, "qi", path), half),
            });
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static ECDsa Ec(JsonElement jwk, string path)
    {
        if (Text(jwk, "crv") != "P-384")
        {
            throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has an EC JWK on curve '{Text(jwk, "crv")}'; ES384 needs P-384.");
        }

        const int size = 48;
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Padded(Bytes(jwk, "x", path), size), Y = Padded(Bytes(jwk, "y", path), size) },
            D = Padded(Bytes(jwk, "d", path), size),
        });
    }

    private static string? Text(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement jwk, string name, string path) =>
        Text(jwk, name) is { Length: > 0 } text
            ? Base64Url.DecodeFromChars(text)
            : throw new ArgumentException($"Fhir:Auth:KeyFile '{path}' has a JWK without \"{name}\".");

    private static byte[] Padded(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
