using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>A task <c>bench generate --cover</c> may add.</summary>
/// <param name="Task">The task (its id is given when it is added).</param>
/// <param name="Kind"><c>case</c> (another case of the record at the set's now), <c>now-shift</c>, <c>missing-data</c>, <c>code</c> or <c>unit</c>.</param>
/// <param name="Key">Identifies what it asks (category, patient, now, code), so the same question is added once.</param>
/// <param name="Cells">The cells its oracle visits.</param>
internal sealed record CoverageCandidate(BenchTask Task, string Kind, string Key, IReadOnlyList<CoverageCell> Cells)
{
    public const string Case = "case", NowShift = "now-shift", MissingData = "missing-data", Code = "code", Unit = "unit";

    /// <summary>Resources the task needs in the store before the oracle checks it (a unit perturbation's copy of the
    /// patient); written only when the candidate is chosen.</summary>
    public IReadOnlyList<Hl7.Fhir.Model.Resource> Records { get; init; } = [];

    /// <summary>Whether it is a perturbation of another task, which the oracle and grader check before it is added.</summary>
    public bool IsPerturbation => Kind != Case;

    /// <summary>The key of a task: its category, patient (or what names a missing one), now and code input.</summary>
    public static string KeyOf(BenchTask task)
    {
        var who = task.EvalMrn ?? string.Join(",", (task.Inputs ?? new Dictionary<string, string>())
            .Where(i => i.Key is "mrn" or "given" or "family" or "dob").Select(i => i.Value));
        var code = task.Inputs?.GetValueOrDefault(LabCodeVariants.Input) ?? "";
        return $"{task.Category}|{who}|{task.EffectiveNow:O}|{code}";
    }

    public static CoverageCandidate For(BenchTask task, string kind) => new(task, kind, KeyOf(task), [.. CoverageVisits.ForTask(task)]);
}
