using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Finds every <c>reference</c> string in a resource's JSON, with the element path it sits at.</summary>
internal static class ReferenceScanner
{
    /// <summary>Yields (path such as <c>Observation.subject</c>, reference text) pairs.</summary>
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
}
