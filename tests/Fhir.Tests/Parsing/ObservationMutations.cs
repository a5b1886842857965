using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Fhir.Tests.Parsing;

/// <summary>
/// Seeded mutations of an Observation's JSON at the edges of what Firely's strict parser accepts: a value removed,
/// replaced (nulls, empty strings and objects, padded and doubled whitespace, impossible dates, exponents, long
/// numbers, other enum spellings), wrapped in or taken out of an array, renamed, doubled, an element added beside it,
/// text after the resource; written compact or indented, escaped or not.
/// </summary>
internal static class ObservationMutations
{
    private const string Duplicate = "__duplicate__";

    private static readonly string[] Values =
    [
        "null", "\"\"", "\" \"", "\"x\"", "\" x \"", "\"a  b\"", "\"a b\"", "\"bad id!\"", "\"\\u0041b\"", "\"tab\\there\"",
        "\"2024-02-30\"", "\"2024-02-30T10:00:00+00:00\"", "\"2024-01-02T10:00:00\"", "\"2024-01-02\"", "\"2024-01-02T10:00:00Z\"",
        "\"2024-01-02T10:00:00.123456+05:30\"", "\"2024\"", "\"2024-13\"", "\"2024-01-02T24:00:00Z\"",
        "\"http://x y\"", "\" http://x\"", "\"urn:oid:1.2.3\"", "\"Patient/1\"", "\"#contained\"",
        "\"final\"", "\"FINAL\"", "\"amended\"", "\"entered-in-error\"", "\"finished\"",
        "0", "-0", "-0.0", "4.10", "100", "1e2", "1E-2", "12345678901234567890123", "0.1234567890123456789", "-3.25",
        "true", "{}", "[]", "[null]", "[{}]", "{\"x\":1}", "\"\\u0000\"", "\"\\t\"", "[\"final\"]",
    ];

    private static readonly (string Name, string Value)[] Siblings =
    [
        ("extension", "[{\"url\":\"http://x\",\"valueString\":\"y\"}]"), ("_status", "{\"id\":\"a\"}"), ("id", "\"x1\""),
        ("unknown", "1"), ("valueString", "\"v\""), ("valueQuantity", "{\"value\":1}"), ("effectivePeriod", "{\"start\":\"2024\"}"),
        ("comparator", "\"<\""), ("fhir_comments", "[\"c\"]"), ("resourceType", "\"Observation\""), ("text", "\"t\""),
        ("display", "\"d\""), ("code", "{\"text\":\"c\"}"), ("status", "\"final\""), ("valueCodeableConcept", "{\"text\":\"v\"}"),
    ];

    private static readonly string[] Tails = [" ", "\n", " x", "{}", ",", "]", "\u0000", "//c"];

    public static IEnumerable<byte[]> Of(JsonObject observation, Random random, int count)
    {
        for (var i = 0; i < count; i++)
            yield return Encoding.UTF8.GetBytes(Mutate((JsonObject)observation.DeepClone(), random));
    }

    private static string Mutate(JsonObject root, Random random)
    {
        var kind = random.Next(8);
        if (kind == 7)
            return Write(root, random) + Tails[random.Next(Tails.Length)];
        if (kind == 6)
        {
            // resourceType elsewhere than first: Firely accepts it, the direct reader declines.
            root.Remove("resourceType");
            root.Add("resourceType", "Observation");
            return Write(root, random);
        }

        var (parent, key) = Pick(root, random);
        switch (kind)
        {
            case 0:
                Remove(parent, key);
                break;
            case 1:
                Set(parent, key, JsonNode.Parse(Values[random.Next(Values.Length)]));
                break;
            case 2:
                Set(parent, key, Get(parent, key) is JsonArray { Count: > 0 } array ? array[0]!.DeepClone() : new JsonArray(Get(parent, key)?.DeepClone()));
                break;
            case 3 when parent is JsonObject siblings:
                var (name, value) = Siblings[random.Next(Siblings.Length)];
                siblings[siblings.ContainsKey(name) ? Duplicate : name] = JsonNode.Parse(value);
                return Write(root, random).Replace(Duplicate, name, StringComparison.Ordinal);
            case 4 when parent is JsonObject renamed:
                var moved = Get(parent, key)?.DeepClone();
                renamed.Remove((string)key);
                renamed[random.Next(2) == 0 ? (string)key + "x" : char.ToUpperInvariant(((string)key)[0]) + ((string)key)[1..]] = moved;
                break;
            case 5 when parent is JsonObject doubled:
                doubled[Duplicate] = Get(parent, key)?.DeepClone();
                return Write(root, random).Replace(Duplicate, (string)key, StringComparison.Ordinal);
            default:
                Set(parent, key, JsonNode.Parse(Values[random.Next(Values.Length)]));
                break;
        }

        return Write(root, random);
    }

    /// <summary>A random element or array item anywhere below the root, resourceType aside.</summary>
    private static (JsonNode Parent, object Key) Pick(JsonObject root, Random random)
    {
        var places = new List<(JsonNode, object)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj)
                {
                    if (ReferenceEquals(node, root) && name == "resourceType")
                        continue;
                    places.Add((obj, name));
                    if (child is not null)
                        Walk(child);
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, i));
                    if (array[i] is { } item)
                        Walk(item);
                }
            }
        }

        Walk(root);
        return places[random.Next(places.Count)];
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string name ? parent[name] : parent[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
            parent[name] = value;
        else
            parent[(int)key] = value;
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (key is string name)
            ((JsonObject)parent).Remove(name);
        else
            ((JsonArray)parent).RemoveAt((int)key);
    }

    private static string Write(JsonNode root, Random random) => root.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = random.Next(2) == 0,
        Encoder = random.Next(2) == 0 ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
    });
}
