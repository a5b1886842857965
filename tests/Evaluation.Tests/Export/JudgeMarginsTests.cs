using ClinicalAgent.Evaluation.Export;

namespace ClinicalAgent.Evaluation.Tests.Export;

public sealed class JudgeMarginsTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void Read_BothSpellingsAndARepeatedTask_KeepsTheSmallestMargin()
    {
        File.WriteAllLines(_path, ["{\"taskId\": \"task1_1\", \"margin\": 0.7}", "", "{\"task_id\": \"task1_2\", \"margin\": 0.2, \"winner\": \"A\"}", "{\"taskId\": \"task1_1\", \"margin\": 0.4}"]);

        var margins = JudgeMargins.Read(_path);

        Assert.Equal(0.4, margins["task1_1"]);
        Assert.Equal(0.2, margins["task1_2"]);
    }

    [Fact]
    public void Read_LineWithoutMargin_ErrorNamesTheLine()
    {
        File.WriteAllLines(_path, ["{\"taskId\": \"task1_1\", \"margin\": 0.7}", "{\"taskId\": \"task1_2\"}"]);

        var error = Assert.Throws<InvalidDataException>(() => JudgeMargins.Read(_path));

        Assert.Contains("line 2: not a judge result", error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
