using System.Text.Json;
using ClinicalAgent.Evaluation.Export;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Transcripts;

namespace ClinicalAgent.Evaluation.Tests.Export;

public sealed class TrajectoryExporterTests
{
    private static readonly TranscriptMessage System = new("system", "You are a clinical agent.\n\nYou can use tools.");

    private static TaskResult Try(string id, int category, bool passed, string answer, string stopped = "answered", bool transcript = true) =>
        new(id, category, "model", "b", false, passed, passed ? [] : ["wrong"], answer, null, [], [], stopped, false, 0, 0, 0, 0, 1,
            Transcript: transcript
                ? [System, new("user", $"Question of {id}"), new("assistant", "{\"tool_calls\": [{\"name\": \"get_patient\", \"arguments\": {}}]}"),
                    new("user", "{\"tool_results\": []}"), new("assistant", answer)]
                : null);

    private static (ExportSummary Summary, List<JsonElement> Lines) Export(ExportRequest request)
    {
        using var writer = new StringWriter();
        var summary = TrajectoryExporter.Write(request, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (summary, lines);
    }

    private static string Last(JsonElement messages) => messages.EnumerateArray().Last().GetProperty("content").GetString()!;

    [Fact]
    public void Write_Dpo_ChosenIsThePassingTrajectoryOfTheSameTask()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> runA = [[Try("task2_1", 2, true, "FINISH([60])"), Try("task2_2", 2, false, "FINISH([1])")]];
        IReadOnlyList<IReadOnlyList<TaskResult>> runB = [[Try("task2_1", 2, false, "FINISH([59])"), Try("task2_2", 2, true, "FINISH([44])")]];

        var (summary, lines) = Export(new ExportRequest(ExportFormat.Dpo, [runA, runB]));

        Assert.Equal((2, 2, 0), (summary.Lines, summary.Tasks, summary.FromOracle));
        var first = lines[0];
        Assert.Equal(["system", "user"], first.GetProperty("prompt").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Question of task2_1", first.GetProperty("prompt")[1].GetProperty("content").GetString());
        Assert.Equal("assistant", first.GetProperty("chosen")[0].GetProperty("role").GetString());
        Assert.Equal("FINISH([60])", Last(first.GetProperty("chosen")));
        Assert.Equal("FINISH([59])", Last(first.GetProperty("rejected")));
        Assert.Equal("FINISH([44])", Last(lines[1].GetProperty("chosen")));
        Assert.Equal("FINISH([1])", Last(lines[1].GetProperty("rejected")));
    }

    [Fact]
    public void Write_DpoNoRunPassed_OracleTrajectoryChosenOnlyWhenGiven()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> run = [[Try("task4_1", 4, false, "FINISH([])")], [Try("task4_1", 4, false, "FINISH([])")]];
        TaskResult[] oracle = [Try("task4_1", 4, true, "FINISH([2.1])") with { Agent = "oracle" }];

        var (without, none) = Export(new ExportRequest(ExportFormat.Dpo, [run]));
        var (with, lines) = Export(new ExportRequest(ExportFormat.Dpo, [run], oracle));

        Assert.Empty(none);
        Assert.Equal(1, without.NoPassing);
        // The two repeats failed identically: one pair, not two.
        Assert.Equal((1, 1, 0), (with.Lines, with.FromOracle, with.NoPassing));
        Assert.Equal("FINISH([2.1])", Last(lines[0].GetProperty("chosen")));
        Assert.Equal("FINISH([])", Last(lines[0].GetProperty("rejected")));
    }

    [Fact]
    public void Write_Sft_WholePassingConversationsOfTheChosenCategories()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> run = [[Try("task2_1", 2, true, "FINISH([60])"), Try("task7_1", 7, true, "FINISH([101])"), Try("task7_2", 7, false, "FINISH([])")]];

        var (summary, lines) = Export(new ExportRequest(ExportFormat.Sft, [run], Categories: new HashSet<int> { 7 }));

        Assert.Equal(1, summary.Lines);
        var messages = lines[0].GetProperty("messages");
        Assert.Equal(5, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("FINISH([101])", Last(messages));
    }

    [Fact]
    public void Write_MinMargin_KeepsOnlyTasksJudgedAtLeastThatSure()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> run = [[Try("task2_1", 2, true, "A"), Try("task2_1", 2, false, "B"), Try("task2_2", 2, true, "C"), Try("task2_2", 2, false, "D"), Try("task2_3", 2, true, "E"), Try("task2_3", 2, false, "F")]];
        var margins = new Dictionary<string, double> { ["task2_1"] = 0.8, ["task2_2"] = 0.1 };

        var (summary, lines) = Export(new ExportRequest(ExportFormat.Dpo, [run], MinMargin: 0.5, Margins: margins));

        Assert.Equal((1, 2), (summary.Lines, summary.BelowMargin));
        Assert.Equal("A", Last(lines[0].GetProperty("chosen")));
    }

    [Fact]
    public void Write_TriesWithoutTranscriptOrWithErrors_LeftOutAndCounted()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> run = [[Try("task2_1", 2, true, "A"), Try("task2_1", 2, false, "B", transcript: false), Try("task2_1", 2, false, "error: boom", stopped: "error")]];

        var (summary, lines) = Export(new ExportRequest(ExportFormat.Dpo, [run]));

        Assert.Empty(lines);
        Assert.Equal((1, 1), (summary.WithoutTranscript, summary.Errored));
    }

    [Fact]
    public void Write_MinMarginWithoutMargins_Throws()
    {
        Assert.Throws<ArgumentException>(() => TrajectoryExporter.Write(new ExportRequest(ExportFormat.Dpo, [], MinMargin: 0.2), TextWriter.Null));
    }
}
