using System.Security.Cryptography;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// The private key that signs client assertions, with the JWS algorithm (<c>RS384</c> or <c>ES384</c>, the two SMART
/// Backend Services requires servers to support) and the <c>kid</c> the EHR knows it by.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    public const string Rs384 = "RS384";
    public const string Es384 = "ES384";

    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private SigningKey(RSA? rsa, ECDsa? ecdsa, string keyId)
    {
        _rsa = rsa;
        _ecdsa = ecdsa;
        KeyId = keyId;
    }

    /// <summary><c>RS384</c> or <c>ES384</c>.</summary>
    public string Algorithm => _rsa is not null ? Rs384 : Es384;

    /// <summary>The <c>kid</c> of the JWS header.</summary>
    public string KeyId { get; }

    /// <summary>An RSA key for RS384 (takes ownership).</summary>
    public static SigningKey ForRsa(RSA rsa, string keyId) => new(rsa, null, keyId);

    /// <summary>An EC P-384 key for ES384 (takes ownership).</summary>
    public static SigningKey ForEcdsa(ECDsa ecdsa, string keyId) => new(null, ecdsa, keyId);

    /// <summary>The JWS signature of <paramref name="signingInput"/> (the ASCII of <c>header.payload</c>).</summary>
    public byte[] Sign(byte[] signingInput) => _rsa is not null
        ? _rsa.SignData(signingInput, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1)
        // JWS wants r||s, each 48 bytes for P-384 (RFC 7518 §3.4), not the DER sequence X.509 uses.
        : _ecdsa!.SignData(signingInput, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>The key size in bits and, for an EC key, its curve's OID (what the loader checks).</summary>
    public (int Bits, string? CurveOid) Describe() => _rsa is not null
        ? (_rsa.KeySize, null)
        : (_ecdsa!.KeySize, _ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value);

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }
}
