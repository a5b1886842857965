using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Units;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tests.Units;

/// <summary>
/// Unit perturbations on a real store: the copy of the patient is written with the variant unit and converted values,
/// the oracle (which converts what the tools show) passes, and an agent that reports the number as the tools show it
/// fails wherever the units differ numerically.
/// </summary>
[Collection(BenchStoreCollection.Name)]
public sealed class UnitPerturbationTests(BenchStore bench)
{
    private async Task<List<CoverageCandidate>> UnitCandidatesAsync()
    {
        var patients = await new PatientFactsReader(bench.Store).ReadAllAsync();
        var all = new CoveragePerturbations(patients, BenchStore.Now, 1, new HashSet<(int, string)>()).All().Where(c => c.Kind == CoverageCandidate.Unit).ToList();
        // One per category and unit, its records written as --cover writes them.
        var chosen = all.GroupBy(c => (c.Task.Category, c.Task.Inputs![UnitVariants.UnitInput])).Select(g => g.First()).ToList();
        foreach (var record in chosen.SelectMany(c => c.Records))
            await bench.Store.UpdateAsync(record);
        return chosen;
    }

    [Fact]
    public async System.Threading.Tasks.Task Candidates_EveryLabCategoryAndUnit_RecordWrittenInTheVariantUnitAndTheOraclePasses()
    {
        var chosen = await UnitCandidatesAsync();
        var oracle = new OracleAgent(bench.Store);
        var grader = new ClinicalAgentGrader();

        Assert.Equal(
            ["4 meq/L", "4 mmol/L", "5 meq/L", "5 mmol/L", "6 mmol/L", "7 mmol/L", "9 meq/L", "10 mmol/mol"],
            chosen.Select(c => $"{c.Task.Category} {c.Task.Inputs![UnitVariants.UnitInput]}").Order(StringComparer.Ordinal).OrderBy(s => int.Parse(s.Split(' ')[0], CultureInfo.InvariantCulture)));
        foreach (var candidate in chosen)
        {
            var task = candidate.Task;
            var conversion = UnitConversions.All.Single(c => c.Ucum == task.Inputs![UnitVariants.UnitInput] && UnitVariants.For(task.Category).Contains(c));
            var observation = (Observation)candidate.Records.OfType<Observation>().First();
            var stored = (Observation)await bench.Store.ReadAsync("Observation", observation.Id);
            var quantity = (Quantity)stored.Value;
            Assert.Equal((conversion.Ucum, conversion.Display, "http://unitsofmeasure.org"), (quantity.Code, quantity.Unit, quantity.System));
            Assert.Equal(conversion.Loinc, stored.Code.Coding[0].Code);
            Assert.Contains(conversion.Display, task.Context, StringComparison.Ordinal);
            Assert.StartsWith("U", task.EvalMrn, StringComparison.Ordinal);

            var verdict = await grader.GradeAsync(task, await oracle.RunAsync(task, CancellationToken.None), CancellationToken.None);
            Assert.True(verdict.Passed, $"{task.Category} in {conversion.Display}: {string.Join("; ", verdict.Failures)}");
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Candidates_ExpectedAnswer_IsTheRecordedValueConvertedBack()
    {
        var chosen = await UnitCandidatesAsync();
        var latest = chosen.Single(c => c.Task.Category == 7);

        var recorded = latest.Records.OfType<Observation>().Where(o => DateTimeOffset.Parse(((FhirDateTime)o.Effective).Value, CultureInfo.InvariantCulture) <= BenchStore.Now)
            .OrderByDescending(o => DateTimeOffset.Parse(((FhirDateTime)o.Effective).Value, CultureInfo.InvariantCulture)).First();
        var mmol = ((Quantity)recorded.Value).Value!.Value;

        // mmol/L × 18.016 = mg/dL, to four decimals: what the task's answer is graded against.
        Assert.Equal(Math.Round(mmol * 18.016m, 4), latest.Task.Expected!.Answer![0].GetDecimal());
        Assert.Equal("value@mmol/L", latest.Task.Expected.Branch);
    }

    [Fact]
    public async System.Threading.Tasks.Task NaiveAgent_ReportsTheNumberAsShown_FailsWhereTheUnitsDifferPassesForPotassium()
    {
        var chosen = await UnitCandidatesAsync();
        var grader = new ClinicalAgentGrader();

        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var candidate in chosen.Where(c => c.Task.Category is 4 or 7 or 9 && c.Task.Expected!.Answer![0].GetDecimal() != -1))
        {
            var run = await NaiveAsync(candidate.Task);
            verdicts[$"{candidate.Task.Category} {candidate.Task.Inputs![UnitVariants.UnitInput]}"] = (await grader.GradeAsync(candidate.Task, run, CancellationToken.None)).Passed;
        }

        Assert.Contains("7 mmol/L", verdicts.Keys);
        Assert.All(verdicts.Where(v => !v.Key.StartsWith("9 ", StringComparison.Ordinal)), v => Assert.False(v.Value, $"{v.Key}: the unconverted number passed"));
        // Potassium in mEq/L is the same number in mmol/L: reading it as shown is right.
        Assert.All(verdicts.Where(v => v.Key.StartsWith("9 ", StringComparison.Ordinal)), v => Assert.True(v.Value, v.Key));
    }

    /// <summary>Searches as the oracle does and answers the newest value exactly as the tool shows it, without converting.</summary>
    private async Task<TaskRun> NaiveAsync(BenchTask task)
    {
        using var session = new BenchToolSession(bench.Store, task.EffectiveNow);
        var steps = new List<BenchStep>();
        var calls = new OracleCalls(session, steps, CancellationToken.None);
        var arguments = new Dictionary<string, object?> { ["patient_id"] = task.EvalMrn, ["code"] = task.Inputs![LabCodeVariants.Input], ["latest_only"] = true };
        if (task.Category == 4)
            arguments["since"] = "24h";
        var rows = await calls.ItemsAsync("get_observations", arguments);
        var shown = rows.Count == 0 ? -1m : decimal.Parse(rows[0].GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        JsonElement[] answer = [JsonSerializer.SerializeToElement(shown)];
        return new TaskRun($"FINISH([{shown.ToString(CultureInfo.InvariantCulture)}])", answer, session.Posts, steps, "answered");
    }
}
