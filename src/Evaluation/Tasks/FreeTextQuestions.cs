using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Fhir;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The free-text record questions (category <see cref="TaskCategory.FreeText"/>, in the spirit of the EHRQA set of the
/// MedGemma report): questions over a patient's whole record — the potassium trend of the last 3 months, the last
/// HbA1c, the active medications that can affect renal function with the latest creatinine — whose reference answers
/// are written from the record and cite resource ids, with the facts an answer must state
/// (<see cref="TaskExpectation.Facts"/>). Graded by those facts and by the judge. The same store, seed and now give
/// the same questions.
/// </summary>
public sealed class FreeTextQuestions(IFhirGateway gateway)
{
    /// <summary>The window of the trend question.</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromDays(91);

    /// <summary>Builds <paramref name="count"/> questions, spread evenly over <see cref="FreeTextAnswers.Kinds"/>; for
    /// each kind, patients whose record answers it first, then those where the answer is "none".</summary>
    /// <exception cref="InvalidOperationException">The store has no patients.</exception>
    public async Task<IReadOnlyList<BenchTask>> GenerateAsync(int count, int seed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var digests = await new RecordDigestReader(gateway).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        if (digests.Count == 0)
            throw new InvalidOperationException("The store has no patients to build questions from; seed it first ('clinicalagent fhir seed').");
        var since = now - TrendWindow;
        var tasks = new List<BenchTask>();
        var kinds = FreeTextAnswers.Kinds;
        for (var k = 0; k < kinds.Count; k++)
        {
            var wanted = (count / kinds.Count) + (k < count % kinds.Count ? 1 : 0);
            var random = new Random(unchecked((seed * 31) + 1000 + k) & 0x7fffffff);
            var cases = digests.Select(d => (Digest: d, Answer: Answer(kinds[k], d, since, now))).ToList();
            var chosen = Shuffle(cases.Where(c => c.Answer.Branch != "none").ToList(), random)
                .Concat(Shuffle(cases.Where(c => c.Answer.Branch == "none").ToList(), random)).Take(wanted);
            foreach (var (digest, answer) in chosen)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["mrn"] = digest.Mrn,
                    ["now"] = CaseBuilder.Iso(now),
                    ["since"] = CaseBuilder.Iso(since),
                };
                var parts = PromptLibrary.Render($"bench-freetext-{kinds[k]}", values).Split("\n---\n", 2);
                var inputs = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kinds[k], ["mrn"] = digest.Mrn, ["since"] = values["since"] };
                var expected = new TaskExpectation($"{kinds[k]}:{answer.Branch}", false, Reference: answer.Reference, Facts: answer.Facts);
                tasks.Add(new BenchTask("", parts[0].Trim(), parts[1].Trim(), null, digest.Mrn, now, inputs, expected));
            }
        }

        return [.. tasks.Select((t, i) => t with { Id = $"task{TaskCategory.FreeText}_{i + 1}" })];
    }

    private static (string Reference, IReadOnlyList<RequiredFact> Facts, string Branch) Answer(string kind, RecordDigest digest, DateTimeOffset since, DateTimeOffset now) => kind switch
    {
        FreeTextAnswers.PotassiumTrend => FreeTextAnswers.Trend(digest.Potassium, since, now),
        FreeTextAnswers.LastHbA1c => FreeTextAnswers.HbA1c(digest.HbA1c, now),
        _ => FreeTextAnswers.Renal(digest.ActiveMedications, digest.Creatinine, now),
    };

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
