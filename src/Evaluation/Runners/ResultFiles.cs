using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>The files of a run folder: <c>run.json</c> and one <c>results/&lt;task id&gt;.json</c> per finished task.</summary>
public static class ResultFiles
{
    /// <summary>snake_case, indented, readable text, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ResultsFolder(string runFolder) => Path.Combine(runFolder, "results");

    public static string ResultPath(string runFolder, string taskId) => Path.Combine(ResultsFolder(runFolder), taskId + ".json");

    public static string ManifestPath(string runFolder) => Path.Combine(runFolder, "run.json");

    /// <summary>Writes a file whole or not at all (a temp file renamed into place), so an interrupted run never leaves half a result.</summary>
    public static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public static void Write(string runFolder, TaskResult result) =>
        WriteAtomically(ResultPath(runFolder, result.TaskId), JsonSerializer.Serialize(result, Json));

    /// <summary>Every finished task's result in <paramref name="runFolder"/>, ordered by category then task number.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder holds no results.</exception>
    /// <exception cref="InvalidDataException">A result file is not valid.</exception>
    public static IReadOnlyList<TaskResult> ReadAll(string runFolder)
    {
        var folder = ResultsFolder(runFolder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{Path.GetFullPath(runFolder)} is not a run folder: it has no results/ folder.");
        var results = new List<TaskResult>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                results.Add(JsonSerializer.Deserialize<TaskResult>(File.ReadAllText(file), Json)
                    ?? throw new InvalidDataException($"{file}: empty result."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file}: not a task result: {ex.Message}", ex);
            }
        }

        return [.. results.OrderBy(r => r.Category).ThenBy(r => TaskNumber(r.TaskId)).ThenBy(r => r.TaskId, StringComparer.Ordinal)];
    }

    /// <summary>The ids of the tasks already finished in <paramref name="runFolder"/>.</summary>
    public static HashSet<string> Finished(string runFolder)
    {
        var folder = ResultsFolder(runFolder);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>()]
            : [];
    }

    private static int TaskNumber(string id) => int.TryParse(id[(id.IndexOf('_') + 1)..], out var n) ? n : 0;
}
