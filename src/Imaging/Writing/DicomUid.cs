using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ClinicalAgent.Imaging.Writing;

/// <summary>
/// DICOM UIDs under the <c>2.25</c> root (PS3.5 §B.2: a UUID written as one unsigned decimal integer), so no
/// organisation root has to be registered. Name-based ones make generated files identical for the same input.
/// </summary>
public static class DicomUid
{
    private const string Root = "2.25.";

    /// <summary>The UID of <paramref name="uuid"/>: <c>2.25.</c> and the UUID's 128 bits as a decimal integer.</summary>
    public static string FromGuid(Guid uuid)
    {
        var value = new BigInteger(uuid.ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);
        return Root + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A name-based UID: the same <paramref name="name"/> always gives the same UID (a version 5 layout over SHA-1).</summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("clinicalagent-dicom:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return FromGuid(new Guid(bytes, bigEndian: true));
    }
}
