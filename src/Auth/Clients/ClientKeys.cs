using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Clients;

/// <summary>Reads a client's keys from a JWKS or a single JWK and keeps their public halves only.</summary>
internal static class ClientKeys
{
    /// <exception cref="ArgumentException">Not a JWK or JWKS, or no RSA or EC key in it.</exception>
    public static JsonWebKeySet PublicSet(string json)
    {
        IEnumerable<JsonWebKey> keys;
        try
        {
            using var document = JsonDocument.Parse(json);
            keys = document.RootElement.TryGetProperty("keys", out _) ? new JsonWebKeySet(json).Keys : [new JsonWebKey(json)];
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new ArgumentException($"The client's keys are not a JWK or a JWKS: {ex.Message}", ex);
        }

        var set = new JsonWebKeySet();
        foreach (var key in keys)
        {
            if (key.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve))
                continue;
            set.Keys.Add(new JsonWebKey
            {
                Kty = key.Kty, Kid = key.Kid, Alg = key.Alg, Use = key.Use,
                N = key.N, E = key.E, Crv = key.Crv, X = key.X, Y = key.Y,
            });
        }

        return set.Keys.Count > 0 ? set : throw new ArgumentException("The client's keys hold no RSA or EC public key.");
    }
}
