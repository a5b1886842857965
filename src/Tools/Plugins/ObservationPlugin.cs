using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Results;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Plugins;

/// <summary>Lab results and vital signs.</summary>
internal sealed class ObservationPlugin(ClinicalRecords records, ClinicalClock clock, ILogger<ObservationPlugin>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ObservationPlugin>.Instance;

    [KernelFunction("get_observations")]
    [Description("A patient's lab results and vital signs, newest first: date, code, name, value, unit, interpretation (High/Low/Normal), id.")]
    public Task<string> GetObservationsAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("LOINC code (e.g. 2823-3 for potassium), system|code, or a name like potassium, glucose, weight. Empty for all.")] string? code = null,
        [Description("laboratory or vital-signs. Empty for both.")] string? category = null,
        [Description("Only results at or after this time: ISO date or date-time, or a span back from now like 24h, 7d, 3m, 1y")] string? since = null,
        [Description("Only results at or before this time: ISO date or date-time, or a span back from now")] string? until = null,
        [Description("true to return only the newest result of each code")] bool latest_only = false,
        [Description("Most results to return (default 50)"), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_observations", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);
            var pairs = new List<KeyValuePair<string, string>> { new("patient", patient.Id ?? "") };
            if (!string.IsNullOrWhiteSpace(code))
            {
                pairs.Add(new("code", ObservationCodes.ToToken(code)));
            }

            if (!string.IsNullOrWhiteSpace(category))
            {
                pairs.Add(new("category", category.Trim().ToLowerInvariant()));
            }

            if (!string.IsNullOrWhiteSpace(since))
            {
                pairs.Add(new("date", "ge" + TimeExpression.ToFhir(TimeExpression.Parse(since, now, "since"))));
            }

            if (!string.IsNullOrWhiteSpace(until))
            {
                pairs.Add(new("date", "le" + TimeExpression.ToFhir(TimeExpression.Parse(until, now, "until"))));
            }

            pairs.Add(new("_sort", "-date"));
            var max = records.Limit(limit);

            // The newest of each code needs more rows than it returns: read a wider window, then keep the first per code.
            var (observations, more) = await records.SearchAsync<Observation>(
                new SearchQuery(pairs), latest_only ? Math.Max(max, 200) : max, cancellationToken).ConfigureAwait(false);
            var rows = observations.Select(RecordRows.Observation);
            if (latest_only)
            {
                var latest = rows.DistinctBy(r => r.Code).ToList();
                return new ToolList<ObservationRow>([.. latest.Take(max)], latest.Count > max || more, latest.Count == 0 ? "No results." : null);
            }

            var list = rows.ToList();
            return new ToolList<ObservationRow>(list, more, list.Count == 0 ? "No results." : null);
        });
}
