using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>The explain files of a run folder: <c>explain.json</c> (the whole report) and <c>explain.md</c>.</summary>
public static class ExplainFiles
{
    public static string JsonPath(string runFolder) => Path.Combine(runFolder, "explain.json");

    public static string MarkdownPath(string runFolder) => Path.Combine(runFolder, "explain.md");

    /// <summary>Writes both files, each whole or not at all.</summary>
    public static void Write(string runFolder, ExplainReport report)
    {
        ResultFiles.WriteAtomically(JsonPath(runFolder), JsonSerializer.Serialize(report, ResultFiles.Json));
        ResultFiles.WriteAtomically(MarkdownPath(runFolder), ExplainMarkdown.Render(report));
    }
}
