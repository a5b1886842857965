namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// Housekeeping of the cache folder: a used file's write time is moved to now (what least-recently-used pruning reads),
/// and the files beyond the size bound, oldest use first, are removed, with temporary files a crashed writer left.
/// </summary>
internal static class PrefixCacheFolder
{
    /// <summary>A temporary file older than this belongs to a writer that died.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public static void Touch(string path, TimeProvider time)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Pruning then sees it as older than it is; nothing else depends on it.
        }
    }

    /// <summary>Removes entries beyond <paramref name="maxBytes"/> (never <paramref name="keep"/>); returns the names removed.</summary>
    public static IReadOnlyList<string> Prune(string directory, long maxBytes, string keep, TimeProvider time)
    {
        var removed = new List<string>();
        var folder = new DirectoryInfo(directory);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var temp in folder.EnumerateFiles("*" + PrefixCacheKey.Extension + ".*.tmp"))
        {
            if (now - temp.LastWriteTimeUtc > AbandonedAfter)
                PrefixCacheFile.TryDelete(temp.FullName);
        }

        var entries = folder.EnumerateFiles("*" + PrefixCacheKey.Extension).OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        var total = 0L;
        foreach (var entry in entries)
        {
            total += entry.Length;
            if (total <= maxBytes || string.Equals(entry.FullName, keep, StringComparison.Ordinal))
                continue;
            PrefixCacheFile.TryDelete(entry.FullName);
            total -= entry.Length;
            removed.Add(entry.Name);
        }

        return removed;
    }
}
