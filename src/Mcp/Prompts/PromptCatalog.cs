using System.Text.RegularExpressions;
using ClinicalAgent.Agent.Runtime.Prompting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Prompts;

/// <summary>
/// The Markdown files of the prompts folder (<see cref="PromptLibrary.Directory"/>, the folder the agent reads) as MCP
/// prompts: name from the file, description from its first line, one required argument per <c>{{placeholder}}</c>
/// (<c>{{ trigger.id }}</c> too), filled on <c>prompts/get</c>. The folder's README is not a prompt.
/// </summary>
internal sealed partial class PromptCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, PromptFile>> _files;

    public PromptCatalog() : this(PromptLibrary.Directory)
    {
    }

    public PromptCatalog(string folder) => _files = new(() => Load(folder));

    /// <summary>The prompts, by name.</summary>
    public IList<Prompt> List() =>
        [.. _files.Value.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new Prompt
        {
            Name = f.Name,
            Description = f.Description,
            Arguments = [.. f.Placeholders.Select(p => new PromptArgument { Name = p, Description = $"The value of {{{{{p}}}}}.", Required = true })],
        })];

    /// <summary>Prompt <paramref name="name"/> with its placeholders filled from <paramref name="arguments"/>.</summary>
    /// <exception cref="McpProtocolException">No such prompt, or an argument is missing.</exception>
    public GetPromptResult Get(string name, IDictionary<string, System.Text.Json.JsonElement>? arguments)
    {
        if (!_files.Value.TryGetValue(name, out var file))
            throw new McpProtocolException($"Unknown prompt: '{(name.Length <= 64 ? name : name[..64] + "…")}'.", McpErrorCode.InvalidParams);
        var values = (arguments ?? new Dictionary<string, System.Text.Json.JsonElement>()).ToDictionary(
            p => p.Key, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(), StringComparer.Ordinal);
        var missing = file.Placeholders.Where(p => !values.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            throw new McpProtocolException($"Prompt '{name}' needs the argument(s) {string.Join(", ", missing)}.", McpErrorCode.InvalidParams);
        // One pass: a value holding braces is inserted as it is, never filled again.
        var text = Placeholder().Replace(file.Text, match => values[match.Groups[1].Value]);
        return new GetPromptResult
        {
            Description = file.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
        };
    }

    private static Dictionary<string, PromptFile> Load(string folder)
    {
        var files = new Dictionary<string, PromptFile>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
            return files;
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (string.Equals(name, "README", StringComparison.OrdinalIgnoreCase))
                continue;
            var text = File.ReadAllText(path).ReplaceLineEndings("\n");
            var placeholders = Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            files[name] = new PromptFile(name, Describe(text), placeholders, text);
        }

        return files;
    }

    private static string Describe(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= 160 ? line : line[..160].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
