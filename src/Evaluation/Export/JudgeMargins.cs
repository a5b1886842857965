using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>
/// Reads judge margins from JSON lines <c>{"taskId": "task3_1", "margin": 0.42}</c> (<c>task_id</c> is read too), the
/// shape <c>bench judge</c> writes per task. A task judged more than once keeps its smallest margin, so the filter
/// never keeps a pair on its most confident judgment alone.
/// </summary>
public static class JudgeMargins
{
    /// <summary>The file name looked for in a run folder when no file is given.</summary>
    public const string DefaultFileName = "judgments.jsonl";

    /// <summary>The margin per task id.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A line is not a JSON object with a task id and a numeric margin.</exception>
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No judge results at {Path.GetFullPath(path)}.", path);
        var margins = new Dictionary<string, double>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var (taskId, margin) = Parse(line, path, number);
            margins[taskId] = margins.TryGetValue(taskId, out var known) ? Math.Min(known, margin) : margin;
        }

        return margins;
    }

    private static (string TaskId, double Margin) Parse(string line, string path, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("taskId", out var id) || root.TryGetProperty("task_id", out id)) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("margin", out var margin) && margin.ValueKind == JsonValueKind.Number)
                return (id.GetString()!, margin.GetDouble());
        }
        catch (JsonException)
        {
            // Reported below with the line number, like a line of the wrong shape.
        }

        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{path}, line {number}: not a judge result {{\"taskId\": \"...\", \"margin\": number}}."));
    }
}
