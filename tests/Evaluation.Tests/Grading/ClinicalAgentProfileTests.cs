using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using static ClinicalAgent.Evaluation.Tests.Grading.GraderCases;

namespace ClinicalAgent.Evaluation.Tests.Grading;

/// <summary>Our profile where it was wrong rather than different: a string route is named as invalid FHIR, and <c>[]</c>
/// is graded by what the task's context says about it.</summary>
[Collection(BenchStoreCollection.Name)]
public sealed class ClinicalAgentProfileTests(BenchStore bench)
{
    private static readonly TaskExpectation LowMagnesium = new("low", true, Answer(1.3m), 1.3m, 2m, 2m);

    [Fact]
    public void Grade_MagnesiumRouteAsAString_FailsNamingItInvalidFhir()
    {
        var dosage = """{"route":"IV","doseAndRate":[{"doseQuantity":{"value":2,"unit":"g"},"rateQuantity":{"value":2,"unit":"h"}}]}""";

        var grade = TaskGrader.Grade(Task(5, LowMagnesium), Answer(1.3m), [Post(Medication("0338-1715-40", dosage))]);

        var failure = Assert.Single(grade.Failures);
        Assert.StartsWith("dosageInstruction[0].route is the string \"IV\": invalid FHIR R4", failure);
    }

    [Fact]
    public void Grade_EmptyAnswerWhereTheContextDoesNotAcceptIt_Fails()
    {
        var silent = Task(5, new TaskExpectation("normal", false, Answer(2.1m), 2.1m)) with { Context = "Finish with [value] or [-1] if none." };

        var grade = TaskGrader.Grade(silent, [], []);

        Assert.False(grade.Passed);
        Assert.Contains(grade.Failures, f => f.StartsWith("Answer []; expected [2.1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_EmptyAnswerWhereTheContextAcceptsIt_Passes()
    {
        var stated = Task(5, new TaskExpectation("normal", false, Answer(2.1m), 2.1m));

        var grade = TaskGrader.Grade(stated, [], []);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public async Task GradeAsync_GeneratedContexts_AcceptEmptyExactlyWhereTheyStateIt()
    {
        var grader = new ClinicalAgentGrader();
        var byCategory = bench.Tasks.Where(t => t.Category is 5 or 9 or 10 && !t.Expected!.Action).GroupBy(t => t.Category).ToDictionary(g => g.Key, g => g.First());
        var nothing = new ClinicalAgent.Evaluation.Runners.TaskRun("FINISH([])", [], [], [], "answered");

        var verdicts = new Dictionary<int, ProfileVerdict>();
        foreach (var (category, task) in byCategory)
            verdicts[category] = await grader.GradeAsync(task, nothing, CancellationToken.None);

        Assert.Contains(NoValueAnswers.EmptyAccepted, byCategory[5].Context);
        Assert.True(verdicts[5].Passed);
        Assert.True(verdicts[9].Passed);
        Assert.Contains("[] is not accepted", byCategory[10].Context);
        Assert.False(verdicts[10].Passed);
        Assert.Equal("clinicalagent", verdicts[10].Profile);
    }
}
