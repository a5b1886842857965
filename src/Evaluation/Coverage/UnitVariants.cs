using System.Globalization;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Units;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// Unit perturbations of the lab cases: the task asked of a copy of the patient whose results of the task's analyte
/// are written in another unit (<see cref="UnitVariantRecords"/>), with the values converted. The task still states
/// its answer and thresholds in its own unit and says what the record holds and how to convert, so the right answer
/// is the recorded value converted back: the expected outcome is computed from what the copy's record holds, in the
/// task unit, and the grader accepts the conversion's tolerance. An agent that reads the number without converting
/// fails, except where the units agree numerically (potassium mEq/L = mmol/L), where converting is the mistake.
/// </summary>
internal static class UnitVariants
{
    /// <summary>The task input naming the unit the record holds (its UCUM code).</summary>
    public const string UnitInput = "record_unit";

    /// <summary>The task input holding the answer tolerance in the task unit.</summary>
    public const string ToleranceInput = "tolerance";

    /// <summary>What the record-branch class of a unit perturbation ends with.</summary>
    public const string BranchSuffix = "_other_unit";

    private const char BranchSeparator = '@';

    // The dosing thresholds of category 5 in mg/dL: a converted value this close to one could fall either side.
    private static readonly decimal[] MagnesiumThresholds = [1m, 1.5m, 1.9m];

    /// <summary>The variants of a lab category's analyte.</summary>
    public static IEnumerable<UnitConversion> For(int category) =>
        LabCodeVariants.For(category) is { } lab ? UnitConversions.Of(lab.Name) : [];

    /// <summary>A unit perturbation's expected branch: the case's branch and the record's unit, <c>normal@mmol/L</c>.</summary>
    public static string Branch(string branch, UnitConversion conversion) => branch + BranchSeparator + conversion.Ucum;

    /// <summary>The case's own branch of a unit perturbation's branch, or null for any other branch.</summary>
    public static string? BaseBranch(string branch) => branch.IndexOf(BranchSeparator, StringComparison.Ordinal) is var at and > 0 ? branch[..at] : null;

    /// <summary>The tolerance a task states for its answer, or <paramref name="fallback"/> when it states none (or a smaller one).</summary>
    public static decimal Tolerance(BenchTask task, decimal fallback) =>
        task.Inputs?.GetValueOrDefault(ToleranceInput) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var stated)
            ? Math.Max(stated, fallback) : fallback;

    /// <summary>The unit perturbations of <paramref name="category"/> over <paramref name="patients"/> at <paramref name="now"/>.</summary>
    public static IEnumerable<CoverageCandidate> Candidates(int category, IReadOnlyList<PatientFacts> patients, DateTimeOffset now, Func<Random> random)
    {
        foreach (var conversion in For(category))
        {
            foreach (var source in patients)
            {
                if (Perturb(category, source, now, conversion, random()) is { } candidate)
                    yield return candidate;
            }
        }
    }

    /// <summary>The unit perturbation of one patient's case, or null where the task reads no value, or where
    /// the converted value falls so near a dosing threshold that the conversion's rounding could decide the branch.</summary>
    public static CoverageCandidate? Perturb(int category, PatientFacts source, DateTimeOffset now, UnitConversion conversion, Random random)
    {
        var labs = Labs(category, source);
        if (!labs.Any(l => l.When <= now))
            return null;
        // What the copy's record holds, read back in the task unit (the expected outcome is computed from it).
        var converted = labs.Select(l => l with { Value = conversion.ToTask(conversion.ToVariant(l.Value)) }).ToList();
        var copy = WithLabs(category, source with { Mrn = UnitVariantRecords.IdOf(source.Mrn, conversion), BirthDate = UnitVariantRecords.BirthDateOf(source.BirthDate) }, converted);
        var c = new CaseBuilder([copy], now, random).For(category).Single();
        // No value at NOW (none in the window, or none yet): nothing is read in any unit, so the unit tests nothing.
        if (c.Expected.Value is null)
            return null;
        if (category == 5 && c.Expected.Value is { } value && MagnesiumThresholds.Any(t => Math.Abs(value - t) <= conversion.Tolerance))
            return null;

        var task = TaskGenerator.ToTask(c, $"task{category}_0", now, official: false);
        var lab = LabCodeVariants.For(category)!;
        var inputs = new Dictionary<string, string>(task.Inputs ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [LabCodeVariants.Input] = conversion.Loinc,
            [UnitInput] = conversion.Ucum,
            [ToleranceInput] = conversion.Tolerance.ToString(CultureInfo.InvariantCulture),
        };
        var sentence = $"In this patient's record {lab.Name} is reported in {conversion.Display} (UCUM {conversion.Ucum}) under LOINC {conversion.Loinc} "
            + $"({conversion.LoincDisplay}), not in {conversion.TaskUnit}: search that code, and read every value and threshold of this task in "
            + $"{conversion.TaskUnit}, converting the recorded values ({conversion.Rule}); "
            + (conversion is { Factor: 1m, Offset: 0m }
                ? "the number is the same in both units."
                : $"an answer within {conversion.Tolerance.ToString(CultureInfo.InvariantCulture)} {conversion.TaskUnit} of the converted value counts.");
        var perturbed = task with
        {
            Context = task.Context + " " + sentence,
            Inputs = inputs,
            Expected = task.Expected! with { Branch = Branch(task.Expected!.Branch, conversion) },
        };
        return CoverageCandidate.For(perturbed, CoverageCandidate.Unit) with { Records = UnitVariantRecords.For(source, labs, conversion) };
    }

    private static IReadOnlyList<LabResult> Labs(int category, PatientFacts p) => category switch
    {
        4 or 5 => p.Magnesium,
        6 or 7 => p.Glucose,
        9 => p.Potassium,
        10 => p.HbA1c,
        _ => [],
    };

    private static PatientFacts WithLabs(int category, PatientFacts p, IReadOnlyList<LabResult> labs) => category switch
    {
        4 or 5 => p with { Magnesium = labs, Glucose = [], Potassium = [], HbA1c = [] },
        6 or 7 => p with { Magnesium = [], Glucose = labs, Potassium = [], HbA1c = [] },
        9 => p with { Magnesium = [], Glucose = [], Potassium = labs, HbA1c = [] },
        _ => p with { Magnesium = [], Glucose = [], Potassium = [], HbA1c = labs },
    };
}
