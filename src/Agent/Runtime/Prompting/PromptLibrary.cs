using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// Loads the prompt files (the repository's <c>prompts/</c> folder, copied next to the assembly by
/// the Agent project) by name and fills their <c>{{placeholders}}</c>. Prompts stay files so they
/// can be read and reviewed as prose, never strings inside code.
/// </summary>
public static partial class PromptLibrary
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>The prompts folder in use.</summary>
    public static string Directory => Folder.Value;

    /// <summary>The text of prompt <paramref name="name"/> (<c>"tools"</c> or <c>"tools.md"</c>).</summary>
    /// <exception cref="FileNotFoundException">No such prompt.</exception>
    public static string Load(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Cache.GetOrAdd(name, static key =>
        {
            var file = Path.Combine(Folder.Value, Path.HasExtension(key) ? key : key + ".md");
            return File.Exists(file)
                ? File.ReadAllText(file).ReplaceLineEndings("\n")
                : throw new FileNotFoundException($"Prompt '{key}' not found in {Folder.Value}.", file);
        });
    }

    /// <summary>Loads prompt <paramref name="name"/> and replaces each <c>{{key}}</c> with its value.</summary>
    /// <exception cref="InvalidOperationException">The prompt has a placeholder without a value.</exception>
    public static string Render(string name, IReadOnlyDictionary<string, string> values) => Fill(Load(name), values, name);

    /// <summary>Replaces each <c>{{key}}</c> of <paramref name="template"/>; inserted values are not
    /// scanned again, so a value containing braces is safe.</summary>
    internal static string Fill(string template, IReadOnlyDictionary<string, string> values, string name) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Prompt '{name}' has placeholder '{match.Value}' but no value was given."));

    private static string Locate()
    {
        // Next to the assembly in builds and tests; walking up covers running from a source tree.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "prompts");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "prompts");
    }

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
