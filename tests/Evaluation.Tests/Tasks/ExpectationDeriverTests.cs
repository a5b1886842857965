using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Tasks;

[Collection(BenchStoreCollection.Name)]
public sealed class ExpectationDeriverTests(BenchStore bench)
{
    private static readonly Dictionary<string, string> Loinc = new()
    {
        ["magnesium"] = "http://loinc.org|19123-9", ["glucose"] = "http://loinc.org|2339-0", ["potassium"] = "http://loinc.org|2823-3", ["hba1c"] = "http://loinc.org|4548-4",
    };

    [Fact]
    public async Task DeriveAsync_TasksStrippedToMedAgentBenchFields_RecomputesTheGeneratedExpectations()
    {
        var deriver = new ExpectationDeriver(bench.Store, Loinc);
        var mismatches = new List<string>();

        foreach (var task in bench.Tasks.Where(t => !TaskCategory.IsImage(t.Category)))
        {
            // As in MedAgentBench's file: no now (its default applies), no inputs, no expected.
            var original = task with { Now = null, Inputs = null, Expected = null };
            var derived = await deriver.DeriveAsync(original);
            var want = Comparable(task.Expected!);
            var got = Comparable(derived.Expected!);
            if (want != got)
                mismatches.Add($"{task.Id}: {got} instead of {want}");
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task DeriveAsync_LookupWithoutSol_ErrorNamesTheTask()
    {
        var task = bench.Tasks.First(t => t.Category == 1) with { Sol = null, Expected = null };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ExpectationDeriver(bench.Store, Loinc).DeriveAsync(task));

        Assert.Contains(task.Id, error.Message);
    }

    [Fact]
    public async Task DeriveAsync_ImageTaskWithoutExpected_RefusesSayingWhereItsTruthIs()
    {
        var task = bench.Tasks.First(t => TaskCategory.IsImage(t.Category)) with { Expected = null };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ExpectationDeriver(bench.Store, Loinc).DeriveAsync(task));

        Assert.Contains(task.Id, error.Message);
        Assert.Contains("ground truth", error.Message);
    }

    // The same expectation, whichever way its decimals were written.
    private static string Comparable(TaskExpectation expected) =>
        JsonSerializer.Serialize(expected with { Answer = expected.Answer?.Select(Normalize).ToList() });

    private static JsonElement Normalize(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? JsonSerializer.SerializeToElement(e.GetDecimal() / 1.0000000000000000000000000000m) : e;
}
