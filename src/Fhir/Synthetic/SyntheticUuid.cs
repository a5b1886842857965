using System.Security.Cryptography;
using System.Text;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// A name-based UUID (RFC 9562 version 5 layout over SHA-1) for a generated resource, so Synthea-style exports
/// carry Synthea-like <c>urn:uuid</c> ids and stay byte-identical for the same options.
/// </summary>
internal static class SyntheticUuid
{
    public static string For(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("clinicalagent:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
