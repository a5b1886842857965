using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using static ClinicalAgent.Evaluation.Tests.Grading.GraderCases;

namespace ClinicalAgent.Evaluation.Tests.Grading;

public sealed class ActionGraderTests
{
    private const string Ndc = "http://hl7.org/fhir/sid/ndc";
    private const string Note = "Situation: acute left knee injury.";
    private static readonly TaskExpectation Bp = new("record", true, Text: "118/77 mmHg");
    private static readonly TaskExpectation LowMagnesium = new("1_to_1.5", true, Answer(1.2m), 1.2m, 2m, 2m);
    private static readonly TaskExpectation LowPotassium = new("low", true, Answer(3.1m), 3.1m, 40m);

    [Fact]
    public void Grade_BloodPressureAsValueString_Passes()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressureString())]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_BloodPressureAsLoincPanel_Passes()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressurePanel())]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_BloodPressureWrongValue_Fails()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressurePanel(diastolic: 78))]);

        Assert.Contains(grade.Failures, f => f.Contains("118/77"));
    }

    [Fact]
    public void Grade_BloodPressureWrongCategorySystem_Fails()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressureString(categorySystem: "http://loinc.org"))]);

        Assert.Contains("Observation.category must be vital-signs.", grade.Failures);
    }

    [Fact]
    public void Grade_BloodPressureAtWallClockTime_FailsOnEffectiveTime()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressureString(effective: "2026-11-27T15:00:00+00:00"))]);

        Assert.Contains(grade.Failures, f => f.Contains("effectiveDateTime"));
    }

    [Fact]
    public void Grade_BloodPressureBareMrnReference_Fails()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressureString(subject: "S1234567"))]);

        Assert.Contains(grade.Failures, f => f.Contains("subject"));
    }

    [Fact]
    public void Grade_BloodPressureRecordedTwice_FailsForTheExtraPost()
    {
        var grade = TaskGrader.Grade(Task(3, Bp), [], [Post(BloodPressureString()), Post(BloodPressureString())]);

        Assert.Contains(grade.Failures, f => f.Contains("Expected writes [Observation]"));
    }

    [Fact]
    public void Grade_MagnesiumStructuredDose_Passes()
    {
        var grade = TaskGrader.Grade(Task(5, LowMagnesium), Answer(1.2m), [Post(Medication("0338-1715-40", MagnesiumDosage()))]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_MagnesiumDoseAsOurToolsText_Passes()
    {
        var grade = TaskGrader.Grade(Task(5, LowMagnesium), [], [Post(Medication("0338-1715-40", """{"text":"2 g IV over 2 h","route":{"text":"IV"}}"""))]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_MagnesiumWrongDose_FailsNamingTheDose()
    {
        var grade = TaskGrader.Grade(Task(5, LowMagnesium), [], [Post(Medication("0338-1715-40", MagnesiumDosage(grams: 1, hours: 1)))]);

        Assert.Contains(grade.Failures, f => f.StartsWith("The dose must be 2 g; got 1 g"));
        Assert.Contains(grade.Failures, f => f.StartsWith("The infusion must run over 2 h"));
    }

    [Fact]
    public void Grade_MagnesiumNdcCodeUnderRxNorm_FailsOnCodeSystem()
    {
        var grade = TaskGrader.Grade(Task(5, LowMagnesium), [], [Post(Medication("0338-1715-40", MagnesiumDosage(), system: "http://www.nlm.nih.gov/research/umls/rxnorm"))]);

        Assert.Contains(grade.Failures, f => f.Contains("NDC 0338-1715-40"));
    }

    [Fact]
    public void Grade_MagnesiumOralRoute_Fails()
    {
        var grade = TaskGrader.Grade(Task(5, LowMagnesium), [], [Post(Medication("0338-1715-40", MagnesiumDosage(route: "oral")))]);

        Assert.Contains("The route must be IV.", grade.Failures);
    }

    [Fact]
    public void Grade_MagnesiumNormalWithAnOrder_FailsAndWithoutPasses()
    {
        var task = Task(5, new TaskExpectation("normal", false, Answer(2.1m), 2.1m));

        var ordered = TaskGrader.Grade(task, Answer(2.1m), [Post(Medication("0338-1715-40", MagnesiumDosage(1, 1)))]);
        var idle = TaskGrader.Grade(task, [], []);

        Assert.False(ordered.Passed);
        Assert.True(idle.Passed);
    }

    [Fact]
    public void Grade_ReferralAsStated_Passes()
    {
        var grade = TaskGrader.Grade(Task(8, new TaskExpectation("refer", true, Text: Note)), [], [Post(Service("http://snomed.info/sct", "306181000000106", note: Note))]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_ReferralRoutineWithoutNote_FailsBothRules()
    {
        var grade = TaskGrader.Grade(Task(8, new TaskExpectation("refer", true, Text: Note)), [], [Post(Service("http://snomed.info/sct", "306181000000106", priority: "routine"))]);

        Assert.Contains("ServiceRequest.priority must be stat.", grade.Failures);
        Assert.Contains("ServiceRequest.note.text must contain the given free text.", grade.Failures);
    }

    [Fact]
    public void Grade_ReferralSnomedCodeUnderLoinc_FailsOnCodeSystem()
    {
        var grade = TaskGrader.Grade(Task(8, new TaskExpectation("refer", true, Text: Note)), [], [Post(Service("http://loinc.org", "306181000000106", note: Note))]);

        Assert.Contains(grade.Failures, f => f.Contains("SNOMED 306181000000106"));
    }

    [Fact]
    public void Grade_PotassiumMedicationThenLab_Passes()
    {
        var grade = TaskGrader.Grade(Task(9, LowPotassium), Answer(3.1m), PotassiumPosts());

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_PotassiumLabBeforeMedication_FailsOnOrder()
    {
        var grade = TaskGrader.Grade(Task(9, LowPotassium), [], [.. PotassiumPosts().Reverse()]);

        Assert.Contains(grade.Failures, f => f.Contains("in that order"));
    }

    [Fact]
    public void Grade_PotassiumWrongDoseAndLabTime_FailsBoth()
    {
        var grade = TaskGrader.Grade(Task(9, LowPotassium), [],
        [
            Post(Medication("40032-917-01", """{"text":"20 mEq oral","route":{"text":"oral"}}""")),
            Post(Service("http://loinc.org", "2823-3", priority: "routine", occurrence: "2023-11-14T09:00:00+00:00")),
        ]);

        Assert.Contains(grade.Failures, f => f.StartsWith("The dose must be 40 mEq"));
        Assert.Contains(grade.Failures, f => f.Contains("occurrenceDateTime"));
    }

    [Fact]
    public void Grade_PotassiumOnlyTheMedication_FailsForTheMissingLab()
    {
        var grade = TaskGrader.Grade(Task(9, LowPotassium), [], [PotassiumPosts()[0]]);

        Assert.False(grade.Passed);
    }

    [Fact]
    public void Grade_HbA1cStaleWithOrderAndDateInOtherOffset_Passes()
    {
        var task = Task(10, new TaskExpectation("stale", true, Answer(6.4m, "2022-05-01T08:00:00+00:00"), 6.4m, Effective: "2022-05-01T08:00:00+00:00"));

        var grade = TaskGrader.Grade(task, Answer(6.4m, "2022-05-01T10:00:00+02:00"), [Post(Service("http://loinc.org", "4548-4"))]);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public void Grade_HbA1cStaleWithoutOrder_Fails()
    {
        var task = Task(10, new TaskExpectation("stale", true, Answer(6.4m, "2022-05-01T08:00:00+00:00"), 6.4m));

        var grade = TaskGrader.Grade(task, Answer(6.4m, "2022-05-01T08:00:00+00:00"), []);

        Assert.Contains(grade.Failures, f => f.Contains("[ServiceRequest]"));
    }

    [Fact]
    public void Grade_HbA1cRecentWithOrder_FailsForTheExtraPost()
    {
        var task = Task(10, new TaskExpectation("recent", false, Answer(6.4m, "2023-09-01T08:00:00+00:00"), 6.4m));

        var grade = TaskGrader.Grade(task, Answer(6.4m, "2023-09-01T08:00:00+00:00"), [Post(Service("http://loinc.org", "4548-4"))]);

        Assert.Contains(grade.Failures, f => f.Contains("Expected no write"));
    }

    private static ProposedPost[] PotassiumPosts() =>
    [
        Post(Medication("40032-917-01", """{"route":{"text":"oral"},"doseAndRate":[{"doseQuantity":{"value":40,"unit":"mEq"}}]}""", system: Ndc)),
        Post(Service("http://loinc.org", "2823-3", priority: "routine", occurrence: "2023-11-14T08:00:00+00:00")),
    ];
}
