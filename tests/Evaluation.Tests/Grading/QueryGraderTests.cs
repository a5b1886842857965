using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using static ClinicalAgent.Evaluation.Tests.Grading.GraderCases;

namespace ClinicalAgent.Evaluation.Tests.Grading;

public sealed class QueryGraderTests
{
    private static readonly TaskExpectation Found = new("found", false, Answer(Mrn));

    [Fact]
    public void Grade_LookupRightMrn_Passes()
    {
        var grade = TaskGrader.Grade(Task(1, Found), Answer("S1234567"), []);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_LookupWrongMrn_FailsNamingBoth()
    {
        var grade = TaskGrader.Grade(Task(1, Found), Answer("S7654321"), []);

        Assert.False(grade.Passed);
        Assert.Contains("S7654321", grade.Failures[0]);
        Assert.Contains("S1234567", grade.Failures[0]);
    }

    [Fact]
    public void Grade_LookupRightAnswerWithAPost_FailsForTheExtraPost()
    {
        var grade = TaskGrader.Grade(Task(1, Found), Answer(Mrn), [Post(Service("http://loinc.org", "2823-3"))]);

        Assert.False(grade.Passed);
        Assert.Contains("Expected no write", Assert.Single(grade.Failures));
    }

    [Fact]
    public void Grade_LookupNotFound_PassesOnlyTheNotFoundText()
    {
        var task = Task(1, new TaskExpectation("not_found", false, Answer("Patient not found")));

        var right = TaskGrader.Grade(task, Answer("Patient not found"), []);
        var wrong = TaskGrader.Grade(task, Answer("S1234567"), []);

        Assert.True(right.Passed);
        Assert.False(wrong.Passed);
    }

    [Theory]
    [InlineData(57, true)]
    [InlineData(58, false)]
    public void Grade_Age_ExactInteger(int answer, bool passes)
    {
        var grade = TaskGrader.Grade(Task(2, new TaskExpectation("age", false, Answer(57))), Answer(answer), []);

        Assert.Equal(passes, grade.Passed);
    }

    [Fact]
    public void Grade_NoAnswerList_FailsSayingSo()
    {
        var grade = TaskGrader.Grade(Task(2, new TaskExpectation("age", false, Answer(57))), null, []);

        Assert.Contains("No answer list", Assert.Single(grade.Failures));
    }

    [Theory]
    [InlineData("[1.8]", true)]
    [InlineData("[\"1.8\"]", true)]
    [InlineData("[1.9]", false)]
    [InlineData("[-1]", false)]
    public void Grade_LatestMagnesium_ExactValue(string answer, bool passes)
    {
        var grade = TaskGrader.Grade(Task(4, new TaskExpectation("recent", false, Answer(1.8m), 1.8m)), List(answer), []);

        Assert.Equal(passes, grade.Passed);
    }

    [Theory]
    [InlineData("[123.45]", true)]
    [InlineData("[123.5]", true)]
    [InlineData("[123.6]", false)]
    public void Grade_AverageGlucose_WithinOneTenth(string answer, bool passes)
    {
        var grade = TaskGrader.Grade(Task(6, new TaskExpectation("recent", false, Answer(123.4m), 123.4m)), List(answer), []);

        Assert.Equal(passes, grade.Passed);
    }

    [Theory]
    [InlineData("[-1]", true)]
    [InlineData("[]", false)]
    [InlineData("[0]", false)]
    public void Grade_LatestGlucoseNone_WantsMinusOne(string answer, bool passes)
    {
        var grade = TaskGrader.Grade(Task(7, new TaskExpectation("none", false, Answer(-1))), List(answer), []);

        Assert.Equal(passes, grade.Passed);
    }
}
