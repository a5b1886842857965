using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// The official profile: MedAgentBench's reference graders' decisions, rule by rule, written from the published facts.
/// It reads the history (POSTs counted by the harness's "POST request accepted" reply), the FINISH text through
/// <c>json.loads</c>, and the store the run used through the searches the graders make (<c>Patient?identifier=MRN</c>,
/// <c>Observation?patient=MRN&amp;code=MG|K|GLU|A1C&amp;_count=5000</c>), so any store shaped that way can be graded.
/// It needs no expected outcome.
/// </summary>
/// <param name="gateway">The store or server the run read.</param>
/// <param name="fhirBase">The base URL the POST URLs must start with (the run's <c>--fhir-base</c>, with its final slash).</param>
public sealed class OfficialGrader(IFhirGateway gateway, string fhirBase = OfficialTexts.FhirBase) : ITaskGrader
{
    private readonly OfficialStore _store = new(gateway);
    private readonly string _base = fhirBase.EndsWith('/') ? fhirBase : fhirBase + "/";

    /// <inheritdoc/>
    public GradingProfile Profile => GradingProfile.Official;

    /// <inheritdoc/>
    public async Task<ProfileVerdict> GradeAsync(BenchTask task, TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var decision = await DecideAsync(task, OfficialEpisode.FromRun(run, _base), cancellationToken).ConfigureAwait(false);
        return new ProfileVerdict(GradingProfiles.Name(Profile), decision.Passed, decision.Passed ? [] : [decision.ToString()], decision.ToString());
    }

    /// <summary>The official decision on one episode of <paramref name="task"/>.</summary>
    public async Task<OfficialDecision> DecideAsync(BenchTask task, OfficialEpisode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(episode);
        var c = new OfficialCase(task, episode, new OfficialClock(task.EffectiveNow), _base, _store);
        try
        {
            return task.Category switch
            {
                1 => LookupRules.Lookup(c),
                2 => await LookupRules.AgeAsync(c, cancellationToken).ConfigureAwait(false),
                3 => BloodPressureRules.Grade(c),
                4 => await LabQueryRules.LatestMagnesiumAsync(c, cancellationToken).ConfigureAwait(false),
                5 => await MagnesiumRules.GradeAsync(c, cancellationToken).ConfigureAwait(false),
                6 => await LabQueryRules.AverageGlucoseAsync(c, cancellationToken).ConfigureAwait(false),
                7 => await LabQueryRules.LatestGlucoseAsync(c, cancellationToken).ConfigureAwait(false),
                8 => ReferralRules.Grade(c),
                9 => await PotassiumRules.GradeAsync(c, cancellationToken).ConfigureAwait(false),
                10 => await HbA1cRules.GradeAsync(c, cancellationToken).ConfigureAwait(false),
                _ => OfficialDecision.Fail($"{c.Name}.category", "MedAgentBench has no grader for this category (ours only)."),
            };
        }
        catch (PyError error)
        {
            // Outside its try blocks the official grader would stop with this exception; the task is not passed.
            return OfficialDecision.Fail($"{c.Name}.raises", $"the official grader raises {error.Message}.");
        }
    }
}
