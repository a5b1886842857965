using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// Reads <c>response_format</c>: <c>text</c>, <c>json_object</c> (any JSON object), or <c>json_schema</c>
/// (<c>{"name", "schema", "strict"}</c>; the runtime's grammar from the schema makes the answer parse and match).
/// </summary>
internal static class ResponseFormatReader
{
    /// <summary>The format, or null for text; the schema of a <c>json_schema</c> format beside it.</summary>
    public static (ChatResponseFormat? Format, JsonElement? Schema) Read(JsonElement root)
    {
        if (JsonFields.Optional(root, "response_format") is not { } format)
            return (null, null);
        JsonFields.Object(format, "response_format");
        var type = JsonFields.RequiredString(format, "type", "response_format.type");
        switch (type)
        {
            case "text":
                return (null, null);
            case "json_object":
                return (ChatResponseFormat.Json, null);
            case "json_schema":
                var spec = JsonFields.Optional(format, "json_schema") is { } s ? JsonFields.Object(s, "response_format.json_schema")
                    : throw ModelApiException.BadField("response_format.json_schema", "'response_format.json_schema' is required.");
                var name = JsonFields.RequiredString(spec, "name", "response_format.json_schema.name");
                var schema = JsonFields.Optional(spec, "schema") is { } sc ? JsonFields.Object(sc, "response_format.json_schema.schema").Clone()
                    : throw ModelApiException.BadField("response_format.json_schema.schema", "'response_format.json_schema.schema' is required.");
                try
                {
                    SchemaConformance.Relaxed(schema, name);
                }
                catch (NotSupportedException e)
                {
                    throw ModelApiException.BadField("response_format.json_schema.schema", $"'response_format.json_schema.schema' cannot be enforced: {e.Message}");
                }

                var description = JsonFields.String(spec, "description", "response_format.json_schema.description");
                return (ChatResponseFormat.ForJsonSchema(schema, name, description), schema);
            default:
                throw ModelApiException.BadField("response_format.type", $"'response_format.type' must be text, json_object or json_schema, not '{type}'.");
        }
    }
}
