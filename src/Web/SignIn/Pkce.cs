using System.Security.Cryptography;
using System.Text;

namespace ClinicalAgent.Web.SignIn;

/// <summary>Proof Key for Code Exchange (RFC 7636) with S256, the only method SMART App Launch allows.</summary>
internal static class Pkce
{
    /// <summary>A new code verifier: 32 random bytes, base64url (43 characters).</summary>
    public static string NewVerifier() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 challenge of <paramref name="verifier"/>: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string verifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
