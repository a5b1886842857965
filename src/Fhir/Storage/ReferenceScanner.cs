using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Finds every <c>reference</c> string in a resource's JSON, with the element path it sits at.</summary>
internal static class ReferenceScanner
{
    /// <summary>
    /// Yields (path such as <c>Observation.subject</c>, reference text) pairs of the UTF-8 JSON. Property names stay
    /// offsets into the JSON until a reference needs its path: decoding every name cost more than the rest of the scan.
    /// </summary>
    public static List<(string Path, string Reference)> Scan(string resourceType, ReadOnlySpan<byte> json)
    {
        var found = new List<(string, string)>();
        var reader = new Utf8JsonReader(json);
        var path = new List<Name>();
        var property = Name.None;
        var isReference = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.ValueIsEscaped ? new Name(0, 0, reader.GetString()) : new Name((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);
                    isReference = reader.ValueTextEquals("reference"u8);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    // Elements of an array keep the array's name, so the path stays "Observation.performer".
                    path.Add(property);
                    property = Name.None;
                    isReference = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    property = Name.None;
                    isReference = false;
                    break;
                case JsonTokenType.String when isReference:
                    found.Add((PathOf(resourceType, path, json), reader.GetString()!));
                    property = Name.None;
                    isReference = false;
                    break;
                default:
                    property = Name.None;
                    isReference = false;
                    break;
            }
        }

        return found;
    }

    private static string PathOf(string resourceType, List<Name> path, ReadOnlySpan<byte> json)
    {
        var names = new List<string>(path.Count);
        foreach (var name in path)
        {
            var text = name.Text ?? (name.Length == 0 ? "" : Encoding.UTF8.GetString(json.Slice(name.Start, name.Length)));
            if (text.Length > 0 && !names.Contains(text))
                names.Add(text);
        }

        return resourceType + "." + string.Join(".", names);
    }

    /// <summary>The string scan the store ran before (the JSON encoded again, every name decoded); kept for the benchmark's comparison and the test that compares the two.</summary>
    public static List<(string Path, string Reference)> Scan(string resourceType, string json)
    {
        var found = new List<(string, string)>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var path = new List<string>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject:
                    path.Add(property ?? "");
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.StartArray:
                    // Elements of an array keep the array's name, so the path stays "Observation.performer".
                    path.Add(property ?? "");
                    property = null;
                    break;
                case JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    property = null;
                    break;
                case JsonTokenType.String when property == "reference":
                    var names = path.Where(p => p.Length > 0).Distinct();
                    found.Add((resourceType + "." + string.Join(".", names), reader.GetString()!));
                    property = null;
                    break;
                default:
                    property = null;
                    break;
            }
        }

        return found;
    }

    /// <summary>A property name: its bytes in the JSON, or its text where it was escaped there.</summary>
    private readonly record struct Name(int Start, int Length, string? Text)
    {
        public static readonly Name None = new(0, 0, null);
    }
}
