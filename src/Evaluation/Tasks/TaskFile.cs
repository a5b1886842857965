using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>Reads and writes task files: a JSON array of <see cref="BenchTask"/>, as MedAgentBench's <c>test_data_v2.json</c>.</summary>
public static class TaskFile
{
    /// <summary>The serializer settings of task and result files: indented, readable text, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The tasks as the file's text (LF line ends, a final newline).</summary>
    public static string ToJson(IReadOnlyList<BenchTask> tasks) => JsonSerializer.Serialize(tasks, Json).ReplaceLineEndings("\n") + "\n";

    /// <summary>Writes <paramref name="tasks"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(IReadOnlyList<BenchTask> tasks, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson(tasks));
    }

    /// <summary>Reads a task file.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON array of tasks, or a task has no id or a bad one.</exception>
    public static IReadOnlyList<BenchTask> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No task file at {Path.GetFullPath(path)}.", path);
        List<BenchTask>? tasks;
        try
        {
            tasks = JsonSerializer.Deserialize<List<BenchTask>>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a task file (a JSON array of tasks): {ex.Message}", ex);
        }

        if (tasks is null)
            throw new InvalidDataException($"{path}: not a task file (a JSON array of tasks).");
        for (var i = 0; i < tasks.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tasks[i]?.Id))
                throw new InvalidDataException($"{path}: task [{i}] has no id.");
            _ = tasks[i].Category;
        }

        var duplicate = tasks.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? tasks : throw new InvalidDataException($"{path}: task id '{duplicate.Key}' appears {duplicate.Count()} times.");
    }
}
