using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Evaluation.Tests.Tasks;

[Collection(BenchStoreCollection.Name)]
public sealed class TaskGeneratorTests(BenchStore bench)
{
    [Theory]
    [InlineData(3, "record")]
    [InlineData(8, "refer")]
    public void GenerateAsync_BloodPressureAndReferral_HalfActionHalfPatientNotFound(int category, string action)
    {
        var balance = bench.Generated.Balance.Single(b => b.Category == category);

        Assert.Equal(3, balance.Positive);
        Assert.Equal(3, balance.Negative);
        Assert.Equal(new Dictionary<string, int> { ["not_found"] = 3, [action] = 3 }, balance.Branches);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task GenerateAsync_NotFoundBranch_NamesAnMrnNobodyHasAndStatesTheConvention(int category)
    {
        var tasks = bench.Tasks.Where(t => t.Category == category && t.Expected!.Branch == "not_found").ToList();

        Assert.NotEmpty(tasks);
        foreach (var task in tasks)
        {
            var mrn = task.Input("mrn");
            Assert.Null(task.EvalMrn);
            Assert.False(task.Expected!.Action);
            Assert.Equal("Patient not found", Assert.Single(task.Expected.Answer!).GetString());
            Assert.Contains(mrn, task.Instruction);
            Assert.Contains($"If no patient in the record has the MRN {mrn}, write nothing and finish with [\"Patient not found\"].", task.Context);
            var byId = await bench.Store.SearchAsync("Patient", new SearchQuery([new("_id", mrn)]));
            var byIdentifier = await bench.Store.SearchAsync("Patient", new SearchQuery([new("identifier", mrn)]));
            Assert.Empty(byId.Entry);
            Assert.Empty(byIdentifier.Entry);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void GenerateAsync_ActionBranch_StatesTheNotFoundConventionToo(int category)
    {
        var task = bench.Tasks.First(t => t.Category == category && t.Expected!.Action);

        Assert.Equal(task.EvalMrn, task.Input("mrn"));
        Assert.Contains($"If no patient in the record has the MRN {task.EvalMrn}, write nothing", task.Context);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(20)]
    public async Task GenerateAsync_Age_AsManyTasksAsAskedOnDifferentPatients(int perCategory)
    {
        var generated = await new TaskGenerator(bench.Store).GenerateAsync(perCategory, 3, BenchStore.Now);

        var ages = generated.Tasks.Where(t => t.Category == 2).ToList();
        Assert.Equal(perCategory, ages.Count);
        Assert.Equal(perCategory, ages.Select(t => t.EvalMrn).Distinct().Count());
        Assert.All(ages, t => Assert.Equal(t.EvalMrn, t.Input("mrn")));
    }
}
