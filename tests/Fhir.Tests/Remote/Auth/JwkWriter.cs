using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>Writes keys as JWKs (RFC 7517/7518), private or public, the way an EHR's key tooling does.</summary>
internal static class JwkWriter
{
    public static Dictionary<string, string> Rsa(RSA rsa, string kid, bool includePrivate)
    {
        var p = rsa.ExportParameters(includePrivate);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["alg"] = "RS384",
            ["n"] = Integer(p.Modulus!),
            ["e"] = Integer(p.Exponent!),
        };
        if (includePrivate)
        {
            jwk["d"] = Integer(p.D!);
            jwk["p"] = Integer(p.P!);
            jwk["q"] = Integer(p.Q!);
            jwk["dp"] = Integer(p.DP!);
            jwk["dq"] = Integer(p.DQ!);
            jwk["qi"] = Integer(p.InverseQ!);
        }

        return jwk;
    }

    public static Dictionary<string, string> Ec(ECDsa ecdsa, string kid, bool includePrivate)
    {
        var p = ecdsa.ExportParameters(includePrivate);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["kid"] = kid,
            ["crv"] = "P-384",
            // EC coordinates keep their full length (RFC 7518 §6.2.1.2).
            ["x"] = Base64Url.EncodeToString(p.Q.X!),
            ["y"] = Base64Url.EncodeToString(p.Q.Y!),
        };
        if (includePrivate)
        {
            jwk["d"] = Base64Url.EncodeToString(p.D!);
        }

        return jwk;
    }

    public static string Json(Dictionary<string, string> jwk) => JsonSerializer.Serialize(jwk);

    public static string JwksJson(params Dictionary<string, string>[] keys) => JsonSerializer.Serialize(new { keys });

    // RSA integers drop their leading zero octets (RFC 7518 §6.3), which the reader must pad back.
    private static string Integer(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return Base64Url.EncodeToString(value.AsSpan(start));
    }
}
