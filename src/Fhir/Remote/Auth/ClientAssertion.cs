using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// The signed JWT a SMART Backend Services client authenticates with (SMART App Launch 2.x, "Backend Services";
/// RFC 7523): <c>iss</c> = <c>sub</c> = the client id, <c>aud</c> = the token endpoint, a short <c>exp</c> and a
/// fresh <c>jti</c>, so a captured assertion is useless elsewhere and soon.
/// </summary>
internal static class ClientAssertion
{
    /// <summary>How far ahead <c>exp</c> lies; the spec allows at most five minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(4);

    /// <summary>The compact JWS <c>header.payload.signature</c>.</summary>
    public static string Create(SigningKey key, string clientId, Uri tokenUrl, DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = key.Algorithm,
            ["typ"] = "JWT",
            ["kid"] = key.KeyId,
        });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = tokenUrl.AbsoluteUri,
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)),
        });

        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
