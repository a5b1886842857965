using System.Globalization;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// What an official-profile task set needs before it is generated: MedAgentBench's fixed NOW (its graders hard-code
/// it, so tasks at any other moment would be graded against the wrong day) and a store that answers the graders'
/// lab searches by the benchmark's codes.
/// </summary>
internal static class OfficialTaskChecks
{
    /// <summary>MedAgentBench's lab codes, as its graders search them (no system).</summary>
    public const string LabCodes = "MG,K,GLU,A1C";

    /// <summary>The now to generate at: <see cref="BenchTask.MedAgentBenchNow"/>, written with its +00:00 offset.</summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is another moment.</exception>
    /// <exception cref="InvalidOperationException">The store holds no Observation under the benchmark's lab codes.</exception>
    public static async Task<DateTimeOffset> CheckAsync(IFhirGateway gateway, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now != BenchTask.MedAgentBenchNow)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The official profile's graders fix NOW at {CaseBuilder.Iso(BenchTask.MedAgentBenchNow)}; tasks at {now:o} would be graded against another day. Seed and generate at that now."));
        }

        var found = await gateway.SearchAsync("Observation", new SearchQuery([new("code", LabCodes), new("_count", "1")]), cancellationToken).ConfigureAwait(false);
        return found.Entry.Count > 0
            ? BenchTask.MedAgentBenchNow
            : throw new InvalidOperationException(
                $"The store has no Observation under MedAgentBench's lab codes ({LabCodes}), which its official graders search by: seed it with 'clinicalagent fhir seed --style medagentbench'.");
    }
}
