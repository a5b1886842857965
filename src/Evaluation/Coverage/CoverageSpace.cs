using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The designed coverage space: the part of tool × argument kind × record branch × answer kind × write/no-write that
/// a right solution reaches, i.e. the oracle's cells for every branch of every category and every code variant of the
/// lab categories (<see cref="LabCodeVariants"/>), each also asked at a NOW inside the record's history (searches bounded by <c>until</c>),
/// and every found value also held in another unit (<see cref="UnitVariants"/>). Built from prototype tasks through <see cref="OraclePlan"/>, so it
/// follows the oracle and the categories without a store; which cells a given store can fill is another matter (the
/// local lab code needs a MedAgentBench-style record, the image categories images).
/// </summary>
public static class CoverageSpace
{
    /// <summary>The designed cells, in category order.</summary>
    public static IReadOnlyList<CoverageCell> Cells { get; } = [.. Prototypes().SelectMany(CoverageVisits.ForTask).Distinct()];

    private static IEnumerable<BenchTask> Prototypes()
    {
        const string NotFound = CaseBuilder.PatientNotFound;
        (int Category, string Branch, bool Action, object[]? Answer)[] branches =
        [
            (1, "found", false, ["S0000001"]), (1, "not_found", false, [NotFound]),
            (2, "age", false, [40]),
            (3, "record", true, null), (3, "not_found", false, [NotFound]),
            (4, "recent", false, [2.0]), (4, "none_24h", false, [-1]),
            (5, "below_1", true, [0.9]), (5, "normal", false, [2.1]), (5, "none_24h", false, [-1]),
            (6, "recent", false, [101.5]), (6, "none_24h", false, [-1]),
            (7, "value", false, [101]), (7, "none", false, [-1]),
            (8, "refer", true, null), (8, "not_found", false, [NotFound]),
            (9, "low", true, [3.1]), (9, "normal", false, [4.1]), (9, "none", false, [-1]),
            (10, "recent", false, [6.1, "2023-05-02T08:30:00+00:00"]), (10, "stale", true, [6.1, "2021-05-02T08:30:00+00:00"]), (10, "none", true, [-1]),
            (TaskCategory.ChestFinding, "pleural_effusion_present", false, ["yes", "img-0001"]),
            (TaskCategory.LesionLabel, "benign_nevus", false, ["benign nevus", "img-0002"]),
        ];
        foreach (var (category, branch, action, answer) in branches)
        {
            var expected = new TaskExpectation(branch, action, answer?.Select(a => JsonSerializer.SerializeToElement(a)).ToList());
            yield return Prototype(category, expected);
            if (LabCodeVariants.For(category) is { } lab)
            {
                foreach (var (_, code, _) in lab.Variants(recordHasLocalCode: true))
                    yield return Prototype(category, expected, (LabCodeVariants.Input, code));
                // NOW moved back into the record's history: the searches end at NOW.
                yield return Prototype(category, expected, (LabCodeVariants.UntilInput, "2023-01-01T00:00:00+00:00"));
                // The value held in another unit (a unit perturbation); a record with no value has no unit to vary.
                if (answer is { Length: > 0 } && answer[0] is not -1)
                {
                    foreach (var conversion in UnitVariants.For(category))
                        yield return Prototype(category, expected with { Branch = UnitVariants.Branch(branch, conversion) }, (LabCodeVariants.Input, conversion.Loinc));
                }
            }
        }

        foreach (var kind in new[] { FreeTextAnswers.PotassiumTrend, FreeTextAnswers.LastHbA1c, FreeTextAnswers.RenalMedications })
        {
            var outcomes = kind == FreeTextAnswers.PotassiumTrend ? new[] { "rising", "single", "none" } : ["found", "none"];
            foreach (var outcome in outcomes)
                yield return new BenchTask("task13_0", "", "", null, "S0000001", Inputs: new Dictionary<string, string> { ["kind"] = kind },
                    Expected: new TaskExpectation($"{kind}:{outcome}", false, Reference: "…"));
        }
    }

    private static BenchTask Prototype(int category, TaskExpectation expected, params (string Key, string Value)[] inputs) =>
        new($"task{category}_0", "", "", null, "S0000001", Inputs: inputs.ToDictionary(i => i.Key, i => i.Value), Expected: expected);
}
