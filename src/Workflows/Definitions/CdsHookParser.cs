using YamlDotNet.RepresentationModel;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>Reads a trigger's <c>cds_hook:</c> mapping (hook, id, title, description, usage_requirements, prefetch).</summary>
internal static class CdsHookParser
{
    private static readonly string[] Fields = ["hook", "id", "title", "description", "usage_requirements", "prefetch"];

    /// <summary>The declaration under <paramref name="trigger"/>'s <c>cds_hook</c>, or null when there is none (or it cannot be read).</summary>
    public static CdsHookTrigger? Parse(NodeReader reader, YamlMappingNode trigger)
    {
        switch (reader.Child(trigger, "cds_hook"))
        {
            case null:
                return null;
            case YamlMappingNode map:
                reader.CheckFields(map, Fields, "the cds_hook trigger");
                var hook = reader.Text(map, "hook");
                var id = reader.Text(map, "id");
                if (hook is null || id is null)
                {
                    reader.Error(map, "A cds_hook trigger needs 'hook' (patient-view, order-select, order-sign) and 'id'.");
                    return null;
                }

                var prefetch = new Dictionary<string, string>(StringComparer.Ordinal);
                var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                switch (reader.Child(map, "prefetch"))
                {
                    case null:
                        break;
                    case YamlMappingNode templates:
                        foreach (var (key, value) in templates.Children)
                        {
                            if (value is YamlScalarNode { Value: { Length: > 0 } text })
                            {
                                prefetch[((YamlScalarNode)key).Value ?? ""] = text;
                                locations[((YamlScalarNode)key).Value ?? ""] = reader.At(value);
                            }
                            else
                            {
                                reader.Error(value, $"Prefetch '{((YamlScalarNode)key).Value}' must be one FHIR query template.");
                            }
                        }

                        break;
                    case var other:
                        reader.Error(other, "'prefetch' must be a mapping of keys to FHIR query templates.");
                        break;
                }

                return new CdsHookTrigger(hook, id, reader.Text(map, "title"), reader.Text(map, "description"), prefetch, reader.At(map))
                {
                    UsageRequirements = reader.Text(map, "usage_requirements"),
                    PrefetchLocations = locations,
                };
            case var other:
                reader.Error(other, "'cds_hook' must be a mapping with hook, id, title, description and prefetch.");
                return null;
        }
    }
}
