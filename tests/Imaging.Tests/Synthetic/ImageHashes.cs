using System.Security.Cryptography;

namespace ClinicalAgent.Imaging.Tests.Synthetic;

internal static class ImageHashes
{
    public static string Of(ushort[] values) => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())))[..16];

    public static string Of(short[] values) => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())))[..16];

    public static string Of(byte[] values) => Convert.ToHexString(SHA256.HashData(values))[..16];
}
