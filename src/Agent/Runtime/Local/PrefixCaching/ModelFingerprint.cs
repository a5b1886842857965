using System.Security.Cryptography;
using System.Text;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// The SHA-256 of a model file's content, remembered in the cache folder per path, size and write time: a multi-gigabyte
/// file takes seconds to hash, and every process that loads it would pay them again.
/// </summary>
internal static class ModelFingerprint
{
    public static string Sha256(string modelPath, string cacheDirectory)
    {
        var file = new FileInfo(modelPath);
        var stamp = $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
        var folder = Path.Combine(cacheDirectory, "models");
        var memo = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp))) + ".sha256");
        if (Read(memo) is { } known)
            return known;

        string hash;
        using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20))
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        Directory.CreateDirectory(folder);
        var temp = $"{memo}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, hash);
        File.Move(temp, memo, overwrite: true);
        return hash;
    }

    private static string? Read(string memo)
    {
        try
        {
            var text = File.Exists(memo) ? File.ReadAllText(memo).Trim() : "";
            return text.Length == 64 && text.All(char.IsAsciiHexDigitLower) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
