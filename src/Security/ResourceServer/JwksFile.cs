using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>Reads the public keys of a JWKS file (<c>{"keys":[…]}</c>) or a single JWK.</summary>
internal static class JwksFile
{
    public static IReadOnlyList<SecurityKey> Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceServerConfigurationException($"Auth:JwksFile {path}: {e.Message}");
        }

        try
        {
            return json.Contains("\"keys\"", StringComparison.Ordinal)
                ? [.. new JsonWebKeySet(json).GetSigningKeys()]
                : [new JsonWebKey(json)];
        }
        catch (ArgumentException e)
        {
            throw new ResourceServerConfigurationException($"Auth:JwksFile {path} is not a JWKS or JWK: {e.Message}");
        }
    }
}
