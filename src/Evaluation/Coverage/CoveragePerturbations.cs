using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The candidates <c>bench generate --cover</c> chooses from: every case of categories 1–10 at the set's now, and
/// perturbations of the lab cases — NOW shifted (−1, +1, −7, −30 and −365 days: the 24-hour window and the one-year
/// line move over the record), missing data (NOW an hour before the patient's first result of the analyte, so the
/// record has none yet) and code variants (the bare LOINC code, the test's name, or the local lab code where the
/// patient's record carries it), and units (<see cref="UnitVariants"/>: a copy of the patient whose results are written in
/// another unit, converted). Expected outcomes come from the record at the perturbed now, as for any task.
/// A perturbation whose oracle visits exactly the cells of the task it perturbs tests nothing new and is dropped here
/// (novelty, not noise).
/// </summary>
internal sealed class CoveragePerturbations(IReadOnlyList<PatientFacts> patients, DateTimeOffset now, int seed, IReadOnlySet<(int Category, string Mrn)> localCoded)
{
    private static readonly TimeSpan[] Shifts = [TimeSpan.FromDays(-1), TimeSpan.FromDays(1), TimeSpan.FromDays(-7), TimeSpan.FromDays(-30), TimeSpan.FromDays(-365)];

    public IEnumerable<CoverageCandidate> All()
    {
        var sources = new Dictionary<(int, string), CoverageCandidate>();
        for (var category = 1; category <= TaskCategory.LastMedAgentBench; category++)
        {
            foreach (var c in Builder(now, category).For(category))
            {
                var candidate = CoverageCandidate.For(TaskGenerator.ToTask(c, $"task{category}_0", now, official: false), CoverageCandidate.Case);
                if (c.Mrn is not null)
                    sources.TryAdd((category, c.Mrn), candidate);
                yield return candidate;
            }
        }

        foreach (var category in LabCodeVariants.Categories)
        {
            var units = UnitVariants.Candidates(category, patients, now, () => Random(category, now));
            foreach (var perturbed in Shifted(category).Concat(Missing(category)).Concat(CodeVariants(category, sources)).Concat(units))
            {
                if (perturbed.Task.EvalMrn is { } mrn && sources.TryGetValue((category, mrn), out var source) && SameCells(source, perturbed))
                    continue;
                yield return perturbed;
            }
        }
    }

    private IEnumerable<CoverageCandidate> Shifted(int category) =>
        Shifts.SelectMany(shift => Builder(now + shift, category).For(category).Where(c => c.Mrn is not null)
            .Select(c => Bounded(TaskGenerator.ToTask(c, $"task{category}_0", now + shift, official: false), CoverageCandidate.NowShift)));

    private IEnumerable<CoverageCandidate> Missing(int category)
    {
        foreach (var p in patients)
        {
            var labs = category switch { 4 or 5 => p.Magnesium, 6 or 7 => p.Glucose, 9 => p.Potassium, _ => p.HbA1c };
            var first = labs.Where(l => l.When <= now).Select(l => l.When).DefaultIfEmpty().Min();
            if (first == default)
                continue;
            var hourBefore = first.ToUniversalTime().AddHours(-1);
            var before = new DateTimeOffset(hourBefore.Ticks - (hourBefore.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var builder = new CaseBuilder([p], before, Random(category, before));
            foreach (var c in builder.For(category))
                yield return Bounded(TaskGenerator.ToTask(c, $"task{category}_0", before, official: false), CoverageCandidate.MissingData);
        }
    }

    private IEnumerable<CoverageCandidate> CodeVariants(int category, Dictionary<(int, string), CoverageCandidate> sources)
    {
        var lab = LabCodeVariants.For(category)!;
        foreach (var ((sourceCategory, mrn), source) in sources.Where(s => s.Key.Item1 == category))
        {
            foreach (var (_, code, sentence) in lab.Variants(localCoded.Contains((sourceCategory, mrn))))
            {
                var task = source.Task;
                var inputs = new Dictionary<string, string>(task.Inputs ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [LabCodeVariants.Input] = code };
                yield return CoverageCandidate.For(task with { Context = task.Context + " " + sentence, Inputs = inputs }, CoverageCandidate.Code);
            }
        }
    }

    /// <summary>
    /// Whether a perturbation tests what its source tests: the same cells, leaving out the upper bound a moved NOW adds
    /// to every search (a NOW shift that keeps the branch, the answer kind and the writes adds nothing).
    /// </summary>
    private static bool SameCells(CoverageCandidate source, CoverageCandidate perturbed)
    {
        var task = perturbed.Task;
        var unbounded = task.Inputs is { } inputs && inputs.ContainsKey(LabCodeVariants.UntilInput)
            ? CoverageVisits.ForTask(task with { Inputs = inputs.Where(i => i.Key != LabCodeVariants.UntilInput).ToDictionary(i => i.Key, i => i.Value) })
            : perturbed.Cells;
        return source.Cells.Order(CellOrder.Instance).SequenceEqual(unbounded.Order(CellOrder.Instance));
    }

    /// <summary>A task asked at a NOW inside the record's history: results after it are in the record, so the task says
    /// they do not count and its searches end at NOW.</summary>
    private static CoverageCandidate Bounded(BenchTask task, string kind)
    {
        var at = CaseBuilder.Iso(task.EffectiveNow);
        var inputs = new Dictionary<string, string>(task.Inputs ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [LabCodeVariants.UntilInput] = at };
        return CoverageCandidate.For(task with
        {
            Context = task.Context + $" The record also holds results written after {at}; answer as of {at}: only results at or before it count.",
            Inputs = inputs,
        }, kind);
    }

    private CaseBuilder Builder(DateTimeOffset at, int category) => new(patients, at, Random(category, at));

    // One generator per category and now, so the candidates do not depend on the order they are built in.
    private Random Random(int category, DateTimeOffset at) =>
        new(unchecked((int)((((long)seed * 31) + category) * 1_000_003 + (at.UtcTicks / TimeSpan.TicksPerSecond))) & 0x7fffffff);

    private sealed class CellOrder : IComparer<CoverageCell>
    {
        public static readonly CellOrder Instance = new();

        public int Compare(CoverageCell? x, CoverageCell? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
    }
}
