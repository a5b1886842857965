using System.Globalization;

namespace ClinicalAgent.Cli;

/// <summary>Sizes and counts as people read them: 245 KB, 2.49 GB, 3.88 B parameters.</summary>
public static class ByteText
{
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.##} GB"),
    };

    public static string Count(ulong count) => count switch
    {
        < 1_000 => count.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.#} K"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.##} M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.##} B"),
    };
}
