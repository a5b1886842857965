using System.Globalization;
using System.Text;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Writes a free-text question's reference answer and its required facts from the record's values. One writer for
/// the generator (over <see cref="RecordDigest"/>) and the oracle (over what the tools returned), so the reference is
/// exactly what the record supports. Every stated value carries its unit, date and resource id.
/// </summary>
public static class FreeTextAnswers
{
    /// <summary>The question kinds, in the order the generator cycles through them.</summary>
    public const string PotassiumTrend = "potassium_trend", LastHbA1c = "last_hba1c", RenalMedications = "renal_medications";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [PotassiumTrend, LastHbA1c, RenalMedications];

    /// <summary>The word an answer uses when the record holds nothing to report.</summary>
    public const string None = "none";

    /// <summary>A change of potassium under this (mmol/L) between the first and the latest result of the window is "stable".</summary>
    public const decimal StablePotassium = 0.2m;

    /// <summary>
    /// Medications whose product name holds one of these words can affect renal function or need renal dosing, with
    /// why: ACE inhibitors and ARBs lower glomerular pressure, diuretics deplete volume, NSAIDs constrict the afferent
    /// arteriole, metformin is renally cleared, potassium-sparing agents raise potassium as function falls.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RenalDrugs { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["lisinopril"] = "ACE inhibitor", ["enalapril"] = "ACE inhibitor", ["ramipril"] = "ACE inhibitor",
        ["losartan"] = "angiotensin receptor blocker", ["valsartan"] = "angiotensin receptor blocker",
        ["furosemide"] = "loop diuretic", ["hydrochlorothiazide"] = "thiazide diuretic", ["spironolactone"] = "potassium-sparing diuretic",
        ["ibuprofen"] = "NSAID", ["naproxen"] = "NSAID", ["metformin"] = "renally cleared, dose by eGFR",
    };

    private static readonly string[] Rising = ["rising", "increasing", "increased", "upward", "up"];
    private static readonly string[] Falling = ["falling", "decreasing", "decreased", "declining", "downward", "down", "dropped"];
    private static readonly string[] Stable = ["stable", "unchanged", "steady", "flat"];
    private static readonly string[] NoneWords = [None, "no results", "no result", "not found", "no active"];

    /// <summary>The potassium results from <paramref name="since"/> to <paramref name="now"/>, oldest first, described as a trend.</summary>
    public static (string Reference, IReadOnlyList<RequiredFact> Facts, string Branch) Trend(IReadOnlyList<RecordLab> potassium, DateTimeOffset since, DateTimeOffset now)
    {
        var window = potassium.Where(l => l.When >= since && l.When <= now).OrderBy(l => l.When).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        if (window.Count == 0)
            return ($"None: no potassium results since {Day(since)}.", [NoneFact()], "none");
        var text = new StringBuilder(Invariant($"{window.Count} potassium result{(window.Count == 1 ? "" : "s")} since {Day(since)}: "));
        text.Append(string.Join("; ", window.Select(Cite))).Append('.');
        var (first, latest) = (window[0], window[^1]);
        var facts = new List<RequiredFact>(LabFacts(latest));
        if (window.Count == 1)
            return (text.ToString(), facts, "single");
        facts.AddRange(LabFacts(first));
        var change = latest.Value - first.Value;
        var (word, words) = Math.Abs(change) < StablePotassium ? ("stable", Stable) : change > 0 ? ("rising", Rising) : ("falling", Falling);
        text.Append(Invariant($" Trend: {word}, from {Quantity(first)} to {Quantity(latest)}."));
        facts.Add(new RequiredFact(RequiredFact.Term, word, Alternatives: words));
        return (text.ToString(), facts, word);
    }

    /// <summary>The newest HbA1c at or before <paramref name="now"/>.</summary>
    public static (string Reference, IReadOnlyList<RequiredFact> Facts, string Branch) HbA1c(IReadOnlyList<RecordLab> hba1c, DateTimeOffset now)
    {
        var latest = hba1c.Where(l => l.When <= now).MaxBy(l => l.When);
        return latest is null
            ? ("None: there is no HbA1c result in the record.", [NoneFact()], "none")
            : (Invariant($"The last HbA1c was {Cite(latest)}."), LabFacts(latest), "found");
    }

    /// <summary>The active medications that can affect renal function, and the newest creatinine at or before <paramref name="now"/>.</summary>
    public static (string Reference, IReadOnlyList<RequiredFact> Facts, string Branch) Renal(IReadOnlyList<RecordMedication> active,
        IReadOnlyList<RecordLab> creatinine, DateTimeOffset now)
    {
        var facts = new List<RequiredFact>();
        var text = new StringBuilder();
        var renal = active.Select(m => (Medication: m, Drug: RenalDrugs.Keys.FirstOrDefault(d => m.Name.Contains(d, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.Drug is not null).OrderBy(p => p.Medication.Id, StringComparer.Ordinal).ToList();
        if (renal.Count == 0)
        {
            text.Append("None of the active medications is known to affect renal function.");
            facts.Add(NoneFact());
        }
        else
        {
            text.Append("Active medications that can affect renal function: ");
            text.Append(string.Join("; ", renal.Select(p => $"{p.Medication.Name} ({p.Medication.Id}; {RenalDrugs[p.Drug!]})"))).Append('.');
            foreach (var (medication, drug) in renal)
            {
                facts.Add(new RequiredFact(RequiredFact.Term, drug!));
                facts.Add(new RequiredFact(RequiredFact.Id, medication.Id));
            }
        }

        var latest = creatinine.Where(l => l.When <= now).MaxBy(l => l.When);
        if (latest is null)
        {
            text.Append(" No creatinine result in the record.");
        }
        else
        {
            text.Append(Invariant($" Latest creatinine: {Cite(latest)}."));
            facts.AddRange(LabFacts(latest));
        }

        return (text.ToString(), facts, renal.Count == 0 ? "none" : "found");
    }

    private static RequiredFact NoneFact() => new(RequiredFact.Term, None, Alternatives: NoneWords);

    private static IReadOnlyList<RequiredFact> LabFacts(RecordLab lab) =>
    [
        new(RequiredFact.Quantity, lab.Value.ToString(CultureInfo.InvariantCulture), lab.Unit),
        new(RequiredFact.Date, lab.EffectiveText),
        new(RequiredFact.Id, lab.Id),
    ];

    private static string Cite(RecordLab lab) => $"{Quantity(lab)} on {lab.EffectiveText} ({lab.Id})";

    private static string Quantity(RecordLab lab) => Invariant($"{lab.Value} {lab.Unit}");

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
