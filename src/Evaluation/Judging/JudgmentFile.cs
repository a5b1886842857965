using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// The judgments file: one <see cref="PairJudgment"/> per line, camelCase JSON (<c>{"taskId":…,"preference":…,
/// "margin":…,"consistent":…}</c>), appended as each pair is judged so an interrupted run keeps what it did and a
/// rerun skips the tasks already there.
/// </summary>
public static class JudgmentFile
{
    /// <summary>camelCase, one line, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The judgments already in <paramref name="path"/> (none when it does not exist).</summary>
    /// <exception cref="InvalidDataException">A line is not a judgment.</exception>
    public static IReadOnlyList<PairJudgment> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        var judgments = new List<PairJudgment>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                judgments.Add(JsonSerializer.Deserialize<PairJudgment>(line, Json) ?? throw new InvalidDataException($"{path}:{number}: empty line."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not a judgment: {ex.Message}", ex);
            }
        }

        return judgments;
    }

    /// <summary>Appends one judgment as a line.</summary>
    public static void Append(string path, PairJudgment judgment)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.AppendAllText(path, JsonSerializer.Serialize(judgment, Json) + "\n");
    }
}
