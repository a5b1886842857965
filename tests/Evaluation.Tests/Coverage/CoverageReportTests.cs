using System.Text.Json;
using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

public sealed class CoverageReportTests
{
    [Fact]
    public void Render_Run_ShowsTheCoverageMapOfItsTrajectories()
    {
        TaskResult[] results =
        [
            Result("task2_1", 2, "age", [new BenchStep("tool", "get_patient", """{"patient_id":"S1"}""", 1)], 61),
            Result("task2_2", 2, "age", [new BenchStep("tool", "get_patient", """{"patient_id":"S2"}""", 1)], 40),
            Result("task4_1", 4, "recent", [new BenchStep("tool", "get_allergies", """{"patient_id":"S3"}""", 1)], -1),
        ];
        var report = BenchReport.From(null, results);

        var markdown = MarkdownReport.Render(report);
        var html = HtmlReport.Render(report);

        Assert.Contains("## Coverage", markdown);
        Assert.Contains("| get_patient | patient_id | found | number | no write | 2 |", markdown);
        Assert.Contains("| get_allergies * | patient_id | found | no_value | no write | 1 |", markdown);
        Assert.Contains("3 visits (tool calls) over", markdown);
        Assert.Contains("1 visited cells outside the designed space", markdown);
        Assert.Contains("<h2>Coverage</h2>", html);
        Assert.Contains("<td>get_patient</td><td>patient_id</td>", html);
    }

    private static TaskResult Result(string id, int category, string branch, BenchStep[] steps, decimal answer) =>
        new(id, category, "scripted", branch, false, true, [], $"FINISH([{answer}])", [JsonSerializer.SerializeToElement(answer)], [], steps, "answered", false, 0, 0, 0, 0, 1);
}
