using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// The instructions the image tools give a vision model, read from the repository's <c>prompts/</c> folder (copied
/// next to the assembly), so they are reviewed as prose like every other prompt. The tools cannot use the agent's
/// prompt library (Tools does not depend on Agent); this reads the same folder the same way.
/// </summary>
internal static partial class ImagePrompts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The instruction of <c>describe_image</c>.</summary>
    public static string Describe => Load("image-describe");

    /// <summary>The instruction of <c>compare_images</c>.</summary>
    public static string Compare => Load("image-compare");

    /// <summary><paramref name="template"/> with each <c>{{key}}</c> replaced; values are not scanned again.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static string Load(string name) => Cache.GetOrAdd(name, static key =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "prompts", key + ".md");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).ReplaceLineEndings("\n").Trim();
            }
        }

        throw new FileNotFoundException($"Prompt '{key}' not found in a prompts folder above {AppContext.BaseDirectory}.", key + ".md");
    });

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
