using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

[Collection(BenchStoreCollection.Name)]
public sealed class CoveragePerturbationTests(BenchStore bench)
{
    private async Task<List<CoverageCandidate>> CandidatesAsync()
    {
        var patients = await new PatientFactsReader(bench.Store).ReadAllAsync();
        return [.. new CoveragePerturbations(patients, BenchStore.Now, 1, new HashSet<(int, string)>()).All()];
    }

    [Fact]
    public async Task All_Perturbations_ChangeWhatTheTaskTests()
    {
        var candidates = await CandidatesAsync();
        var sources = candidates.Where(c => !c.IsPerturbation && c.Task.EvalMrn is not null).GroupBy(c => (c.Task.Category, c.Task.EvalMrn))
            .ToDictionary(g => g.Key, g => g.First());

        var perturbations = candidates.Where(c => c.IsPerturbation).ToList();

        Assert.Contains(perturbations, c => c.Kind == CoverageCandidate.NowShift);
        Assert.Contains(perturbations, c => c.Kind == CoverageCandidate.MissingData);
        Assert.Contains(perturbations, c => c.Kind == CoverageCandidate.Code);
        // A moved NOW must move the record branch, the answer kind or the writes; a code variant the argument kind.
        Assert.Contains(perturbations, c => c.Kind == CoverageCandidate.Unit);
        Assert.All(perturbations, p =>
        {
            // A unit perturbation asks about a copy of the patient whose record holds another unit: its own record branch.
            if (p.Kind == CoverageCandidate.Unit)
            {
                Assert.All(p.Cells, c => Assert.EndsWith(UnitVariants.BranchSuffix, c.RecordBranch, StringComparison.Ordinal));
                return;
            }

            var source = sources[(p.Task.Category, p.Task.EvalMrn)].Cells;
            if (p.Kind == CoverageCandidate.Code)
                Assert.NotEqual(source.Select(c => c.ArgumentKind), p.Cells.Select(c => c.ArgumentKind));
            else
                Assert.False(source.Select(Outcome).ToHashSet().SetEquals(p.Cells.Select(Outcome)), $"{p.Kind} of {p.Task.Category}/{p.Task.EvalMrn} tests what its source tests");
        });
    }

    private static (string, string, bool, string) Outcome(CoverageCell c) => (c.RecordBranch, c.AnswerKind, c.Write, c.Tool);

    [Theory]
    [InlineData(CoverageCandidate.NowShift)]
    [InlineData(CoverageCandidate.MissingData)]
    public async Task All_TimePerturbations_ValidTasksTheOraclePasses(string kind)
    {
        var oracle = new OracleAgent(bench.Store);
        var grader = new ClinicalAgentGrader();

        var chosen = (await CandidatesAsync()).Where(c => c.Kind == kind).GroupBy(c => c.Task.Category).SelectMany(g => g.Take(4)).ToList();

        Assert.NotEmpty(chosen);
        foreach (var candidate in chosen)
        {
            var task = candidate.Task;
            Assert.NotEqual(BenchStore.Now, task.EffectiveNow);
            Assert.Contains(CaseBuilder.Iso(task.EffectiveNow), task.Context, StringComparison.Ordinal);
            var verdict = await grader.GradeAsync(task, await oracle.RunAsync(task, CancellationToken.None), CancellationToken.None);
            Assert.True(verdict.Passed, $"{kind} {task.Category}/{task.EvalMrn} at {task.EffectiveNow:o}: {string.Join("; ", verdict.Failures)}");
        }
    }

    [Fact]
    public async Task All_MissingData_RecordHasNoValueYet()
    {
        var missing = (await CandidatesAsync()).Where(c => c.Kind == CoverageCandidate.MissingData).ToList();

        Assert.All(missing, c => Assert.Contains(c.Cells, cell => cell.RecordBranch is "no_value" or "no_value_in_window"));
    }
}
