using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// Counts identical tool calls (same name, same arguments in any key order) within one run. Small models
/// loop on a call whose result they did not understand; the third identical call is refused with a
/// reminder, the fourth ends the run.
/// </summary>
internal sealed class RepeatedCallTracker
{
    /// <summary>The occurrence from which a call is refused instead of executed.</summary>
    public const int RefuseFrom = 3;

    /// <summary>The occurrence at which the run stops.</summary>
    public const int StopAt = 4;

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="call"/> and returns how many times it has now been asked for.</summary>
    public int Record(FunctionCallContent call, string argumentsJson)
    {
        var key = call.Name + "\n" + Canonical(argumentsJson);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        return _counts[key];
    }

    /// <summary>The arguments as JSON text, never throwing on values the serializer cannot handle.</summary>
    public static string ArgumentsJson(FunctionCallContent call)
    {
        try
        {
            return JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), CompactJson.Options);
        }
        catch (NotSupportedException)
        {
            return "{}";
        }
    }

    private static string Canonical(string json)
    {
        try
        {
            return Sort(JsonNode.Parse(json))?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => Sort(item?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
