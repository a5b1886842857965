using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using static ClinicalAgent.Evaluation.Tests.Grading.GraderCases;

namespace ClinicalAgent.Evaluation.Tests.Grading;

/// <summary>
/// The no-action branch of categories 3 and 8: the instruction names an MRN nobody has (a typo of a real one), so the
/// right outcome is no write and the answer ["Patient not found"], as the task's context states.
/// </summary>
public sealed class PatientNotFoundGraderTests
{
    private const string Typo = "S1234576";
    private const string Note = "Situation: acute left knee injury.";
    private static readonly TaskExpectation NotFound = new("not_found", false, Answer("Patient not found"));

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Grade_NoWriteAndNotFoundAnswer_Passes(int category)
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(category), Answer("Patient not found"), []);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_BloodPressureRecordedForTheTypo_FailsForTheWriteEvenWithTheRightAnswer()
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(3), Answer("Patient not found"), [Post(BloodPressureString(subject: $"Patient/{Typo}"))]);

        Assert.False(grade.Passed);
        Assert.Equal("Expected no write; got 1 (Observation).", Assert.Single(grade.Failures));
    }

    [Fact]
    public void Grade_ReferralOrderedForTheTypo_FailsForTheWriteEvenWithTheRightAnswer()
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(8), Answer("Patient not found"), [Post(Service("http://snomed.info/sct", "306181000000106", note: Note))]);

        Assert.False(grade.Passed);
        Assert.Equal("Expected no write; got 1 (ServiceRequest).", Assert.Single(grade.Failures));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Grade_EmptyAnswerAsWhenDoingNothing_FailsNamingTheNotFoundAnswer(int category)
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(category), [], []);

        Assert.False(grade.Passed);
        Assert.Contains("expected [\"Patient not found\"]", Assert.Single(grade.Failures));
    }

    [Fact]
    public void Grade_AnsweredWithAnotherPatientsMrn_Fails()
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(3), Answer(Mrn), []);

        Assert.False(grade.Passed);
        Assert.Contains(Mrn, Assert.Single(grade.Failures));
    }

    [Fact]
    public void Grade_NotFoundWithExtraItems_Fails()
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(8), Answer("Patient not found", Typo), []);

        Assert.False(grade.Passed);
    }

    [Fact]
    public void Grade_NoAnswerList_Fails()
    {
        var grade = TaskGrader.Grade(UnknownPatientTask(3), null, []);

        Assert.Contains("No answer list; expected [\"Patient not found\"].", grade.Failures);
    }

    // As generated: no eval_MRN (MedAgentBench leaves it out when the patient does not exist).
    private static BenchTask UnknownPatientTask(int category) => Task(category, NotFound) with { EvalMrn = null };
}
