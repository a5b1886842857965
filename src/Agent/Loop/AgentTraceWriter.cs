using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Writes an <see cref="AgentAnswer"/> (answer, citations, stop reason and trace) as JSON, for <c>--trace PATH</c>.</summary>
public static class AgentTraceWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by people: keep quotes and non-ASCII text as they are (the file is not embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The answer and its trace as indented JSON.</summary>
    public static string ToJson(AgentAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return JsonSerializer.Serialize(answer, Options);
    }

    /// <summary>The trace's steps as a JSON node in the same spelling (camelCase names and enum values), for journals.</summary>
    public static System.Text.Json.Nodes.JsonNode? ToJsonNode(IReadOnlyList<AgentStep> trace) => JsonSerializer.SerializeToNode(trace, Options);

    /// <summary>A stop reason in the trace's spelling (<c>answered</c>, <c>stepLimit</c>, …).</summary>
    public static string Spell(AgentStoppedReason reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void WriteJson(AgentAnswer answer, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson(answer));
    }
}
