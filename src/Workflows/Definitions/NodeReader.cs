using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>Typed reads of YAML mapping fields that record a located error instead of throwing.</summary>
internal sealed class NodeReader(string file, List<DefinitionError> errors)
{
    public SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message) => errors.Add(new DefinitionError(At(node), message));

    public YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Text(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, $"'{key}' must be a single value.");
        return null;
    }

    public int? Integer(YamlMappingNode map, string key)
    {
        var text = Text(map, key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        Error(Child(map, key)!, $"'{key}' must be a positive whole number, not '{text}'.");
        return null;
    }

    public IReadOnlyList<string> List(YamlMappingNode map, string key)
    {
        switch (Child(map, key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
            case YamlScalarNode scalar:
                return (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            case var other:
                Error(other, $"'{key}' must be a list.");
                return [];
        }
    }

    public void CheckFields(YamlMappingNode map, IReadOnlyCollection<string> known, string owner)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!known.Contains(key.Value ?? ""))
            {
                Error(key, $"Unknown field '{key.Value}' in {owner} (known: {string.Join(", ", known)}).");
            }
        }
    }
}
