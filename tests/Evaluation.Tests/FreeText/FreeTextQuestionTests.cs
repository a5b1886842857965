using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tests.FreeText;

[Collection(BenchStoreCollection.Name)]
public sealed class FreeTextQuestionTests(BenchStore bench)
{
    [Fact]
    public async Task GenerateAsync_ReferenceAnswers_CiteResourcesThatExistWithTheRecordsValues()
    {
        var questions = await new FreeTextQuestions(bench.Store).GenerateAsync(9, 1, BenchStore.Now);

        Assert.Equal(9, questions.Count);
        Assert.Equal(3, questions.Select(q => q.Input("kind")).Distinct().Count());
        var checkedLabs = 0;
        foreach (var question in questions)
        {
            var facts = question.Expected!.Facts!;
            foreach (var id in facts.Where(f => f.Kind == RequiredFact.Id).Select(f => f.Value))
            {
                Assert.Contains(id, question.Expected.Reference, StringComparison.Ordinal);
                var resource = await bench.Store.ReadAsync(id.Split('/')[0], id.Split('/')[1]);
                if (resource is Observation observation)
                {
                    // A lab's facts come as value, date, id: the two before the id must be the record's own.
                    var index = facts.ToList().FindIndex(f => f.Kind == RequiredFact.Id && f.Value == id);
                    var quantity = (Quantity)observation.Value;
                    Assert.Equal(quantity.Value, decimal.Parse(facts[index - 2].Value, System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Equal(quantity.Unit, facts[index - 2].Unit);
                    Assert.Equal(((FhirDateTime)observation.Effective).Value, facts[index - 1].Value);
                    Assert.Equal(question.EvalMrn, observation.Subject.Reference.Split('/')[1]);
                    checkedLabs++;
                }
                else
                {
                    Assert.Equal(question.EvalMrn, ((MedicationRequest)resource).Subject.Reference.Split('/')[1]);
                    Assert.Equal(MedicationRequest.MedicationrequestStatus.Active, ((MedicationRequest)resource).Status);
                }
            }
        }

        Assert.True(checkedLabs >= 6, $"only {checkedLabs} lab facts checked");
    }

    [Fact]
    public async Task Grade_ReferenceAnswer_PassesEveryQuestion()
    {
        var questions = await new FreeTextQuestions(bench.Store).GenerateAsync(12, 3, BenchStore.Now);

        var grades = questions.Select(q => TaskGrader.Grade(q, [JsonSerializer.SerializeToElement(q.Expected!.Reference)], [])).ToList();

        Assert.All(grades, g => Assert.True(g.Passed, string.Join(" ", g.Failures)));
    }

    [Fact]
    public async Task Grade_AnswerMissingAUnit_Fails()
    {
        var (question, lab) = await LabQuestionAsync();
        var answer = question.Expected!.Reference!.Replace($"{lab.Value} {lab.Unit}", lab.Value, StringComparison.Ordinal);

        var grade = TaskGrader.Grade(question, [], [], answer);

        Assert.False(grade.Passed);
        Assert.Contains(grade.Failures, f => f.Contains("only with its unit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Grade_AnswerWithAWrongDate_Fails()
    {
        var (question, lab) = await LabQuestionAsync();
        var date = question.Expected!.Facts!.First(f => f.Kind == RequiredFact.Date).Value;
        var shifted = DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var answer = question.Expected.Reference!.Replace(date, shifted, StringComparison.Ordinal);

        var grade = TaskGrader.Grade(question, [], [], answer);

        Assert.False(grade.Passed);
        Assert.Contains(grade.Failures, f => f.Contains(date, StringComparison.Ordinal));
        Assert.NotNull(lab.Unit);
    }

    [Fact]
    public async Task Grade_DateWrittenAsAnIsoDay_Passes()
    {
        var (question, _) = await LabQuestionAsync();
        var date = question.Expected!.Facts!.First(f => f.Kind == RequiredFact.Date).Value;
        var answer = question.Expected.Reference!.Replace(date, date[..10], StringComparison.Ordinal);

        var grade = TaskGrader.Grade(question, [], [], answer);

        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
    }

    [Fact]
    public async Task Oracle_FreeTextQuestions_AnswersFromTheToolsAndPassesEvery()
    {
        var questions = await new FreeTextQuestions(bench.Store).GenerateAsync(9, 5, BenchStore.Now);
        var oracle = new OracleAgent(bench.Store);
        var nothing = new NothingAgent();

        foreach (var question in questions)
        {
            var run = await oracle.RunAsync(question, CancellationToken.None);
            var empty = await nothing.RunAsync(question, CancellationToken.None);

            Assert.Contains(run.Steps, s => s.Name is "get_observations" or "get_medications");
            var grade = TaskGrader.Grade(question, run.Answer, run.Posts, run.AnswerText);
            Assert.True(grade.Passed, $"{question.Id}: {string.Join(" ", grade.Failures)}");
            Assert.False(TaskGrader.Grade(question, empty.Answer, empty.Posts, empty.AnswerText).Passed);
        }
    }

    [Fact]
    public async Task GenerateAsync_WithFreeText_KeepsTheDefaultSetAndAddsCategory13()
    {
        var withFreeText = await new TaskGenerator(bench.Store) { FreeText = 4 }.GenerateAsync(6, 1, BenchStore.Now, bench.ImageTruth);

        Assert.Equal(TaskFile.ToJson(bench.Tasks), TaskFile.ToJson([.. withFreeText.Tasks.Where(t => t.Category != TaskCategory.FreeText)]));
        Assert.Equal(["task13_1", "task13_2", "task13_3", "task13_4"], withFreeText.Tasks.Where(t => t.Category == TaskCategory.FreeText).Select(t => t.Id));
        Assert.Equal(4, withFreeText.Balance.Single(b => b.Category == TaskCategory.FreeText).Branches.Values.Sum());
    }

    /// <summary>A last-HbA1c question with a result, and that result's value and unit.</summary>
    private async Task<(BenchTask Question, (string Value, string Unit) Lab)> LabQuestionAsync()
    {
        var questions = await new FreeTextQuestions(bench.Store).GenerateAsync(9, 1, BenchStore.Now);
        var question = questions.First(q => q.Expected!.Branch == $"{FreeTextAnswers.LastHbA1c}:found");
        var quantity = question.Expected!.Facts!.First(f => f.Kind == RequiredFact.Quantity);
        return (question, (quantity.Value, quantity.Unit!));
    }
}
