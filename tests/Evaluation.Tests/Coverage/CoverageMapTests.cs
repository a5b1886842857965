using System.Text.Json;
using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

public sealed class CoverageMapTests
{
    private static readonly CoverageCell Age = new("get_patient", "patient_id", "found", "number", false);
    private static readonly CoverageCell Magnesium = new("get_observations", "patient_id+code:token+window+count", "found", "number", false);
    private static readonly CoverageCell MissingMrn = new("find_patients", "mrn", "not_found", "not_found", false);
    private static readonly CoverageCell LookUpBeforeWrite = new("find_patients", "mrn", "found", "empty", true);
    private static readonly CoverageCell RecordVital = new("record_vital_sign", "patient_id", "found", "empty", true);
    private static readonly CoverageCell LookupFound = new("find_patients", "name+birthdate", "found", "id", false);
    private static readonly CoverageCell LookupMissing = new("find_patients", "name+birthdate", "not_found", "not_found", false);

    /// <summary>Five hand-made tasks: an age, two recent magnesiums, a mistyped MRN, a blood pressure to record.</summary>
    private static readonly BenchTask[] HandMade =
    [
        Task("task2_1", new TaskExpectation("age", false, Answer(61))),
        Task("task4_1", new TaskExpectation("recent", false, Answer(2.0m), 2.0m)),
        Task("task4_2", new TaskExpectation("recent", false, Answer(1.8m), 1.8m)),
        Task("task3_1", new TaskExpectation("not_found", false, Answer(CaseBuilder.PatientNotFound))),
        Task("task3_2", new TaskExpectation("record", true, Text: "120/80 mmHg")),
    ];

    [Fact]
    public void Measure_HandMadeTaskSet_CountsEntropyAndEmptyCellsAsComputedByHand()
    {
        CoverageCell[] space = [LookupFound, LookupMissing, Age, LookUpBeforeWrite, RecordVital, MissingMrn, Magnesium];

        var map = CoverageMap.Measure(space, CoverageVisits.ForTasks(HandMade));

        // Visits: magnesium 2, the other four cells 1 each: 6 in all. H = -(2/6 ln 2/6 + 4 · 1/6 ln 1/6) = 1/3 ln 3 + 2/3 ln 6.
        Assert.Equal(6, map.Visits);
        Assert.Equal(2, map.Cells.Single(c => c.Cell == Magnesium).Visits);
        Assert.All(new[] { Age, MissingMrn, LookUpBeforeWrite, RecordVital }, cell => Assert.Equal(1, map.Cells.Single(c => c.Cell == cell).Visits));
        var entropy = (Math.Log(3) / 3) + (2 * Math.Log(6) / 3);
        Assert.Equal(entropy, map.Entropy, 12);
        Assert.Equal(entropy / Math.Log(7), map.NormalisedEntropy, 12);
        Assert.Equal([LookupFound, LookupMissing], map.Empty);
        Assert.Equal(Magnesium, map.Cells[0].Cell);
        Assert.Equal(0, map.Outside);
    }

    [Fact]
    public void Measure_VisitOutsideTheSpace_AddedAsACellAndCountedInTheNormalisation()
    {
        CoverageCell allergies = new("get_allergies", "patient_id", "found", "number", false);

        var map = CoverageMap.Measure([Age, Magnesium], [Age, allergies]);

        // Two visits in two different cells of three: H = ln 2, normalised by ln 3.
        Assert.Equal(Math.Log(2), map.Entropy, 12);
        Assert.Equal(Math.Log(2) / Math.Log(3), map.NormalisedEntropy, 12);
        Assert.Equal(1, map.Outside);
        Assert.Equal([Magnesium], map.Empty);
        Assert.False(map.Cells.Single(c => c.Cell == allergies).Designed);
    }

    [Fact]
    public void Measure_AllVisitsInOneCell_EntropyZero()
    {
        var map = CoverageMap.Measure([Age, Magnesium], [Age, Age, Age]);

        Assert.Equal(0, map.Entropy);
        Assert.Equal(0, map.NormalisedEntropy);
        Assert.Equal([Magnesium], map.Empty);
    }

    [Fact]
    public void Space_HoldsEveryHandMadeTaskCellAndEachCellOnce()
    {
        var space = CoverageSpace.Cells;

        Assert.Equal(space.Count, space.Distinct().Count());
        Assert.All(CoverageVisits.ForTasks(HandMade), cell => Assert.Contains(cell, space));
        Assert.Contains(new CoverageCell("get_observations", "patient_id+code:local+count", "out_of_range", "number", true), space);
        Assert.Contains(new CoverageCell("list_images", "patient_id", "found", "label+id", false), space);
    }

    private static BenchTask Task(string id, TaskExpectation expected) =>
        new(id, "", "", null, "S0000001", BenchTask.MedAgentBenchNow, new Dictionary<string, string> { ["mrn"] = "S0000001" }, expected);

    private static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];
}
