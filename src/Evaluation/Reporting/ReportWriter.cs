namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Writes <c>report.md</c>, <c>report.html</c> and <c>categories.svg</c> into a run folder.</summary>
public static class ReportWriter
{
    /// <summary>The paths written.</summary>
    public static IReadOnlyList<string> Write(string runFolder, BenchReport report)
    {
        var paths = new[] { Path.Combine(runFolder, "report.md"), Path.Combine(runFolder, "report.html"), Path.Combine(runFolder, "categories.svg") };
        File.WriteAllText(paths[0], MarkdownReport.Render(report));
        File.WriteAllText(paths[1], HtmlReport.Render(report));
        File.WriteAllText(paths[2], CategoryChart.Svg(report));
        return paths;
    }
}
