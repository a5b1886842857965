using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Terminology;
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

    /// <summary>How many results a name no table knows is matched against, newest first, before giving up.</summary>
    internal const int TextScanLimit = 1000;

    [KernelFunction("get_observations")]
    [Description("A patient's lab results and vital signs, newest first, with units and High/Low flags. A name or LOINC code finds every code of that test (potassium: 2823-3, 6298-4, ...).")]
    public Task<string> GetObservationsAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("A name like potassium, glucose, blood pressure, weight; a LOINC code (e.g. 2823-3); or system|code")] string? code = null,
        [Description("laboratory or vital-signs")] string? category = null,
        [Description(ParameterText.Since)] string? since = null,
        [Description("Only results at or before this time, written as for since")] string? until = null,
        [Description("Only the newest result of each test")] bool latest_only = false,
        [Description(ParameterText.Limit), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_observations", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);
            var filter = string.IsNullOrWhiteSpace(code) ? null : ObservationCodes.Resolve(code);
            var pairs = new List<KeyValuePair<string, string>> { new("patient", patient.Id ?? "") };
            if (filter is { SearchableOnly: true })
            {
                pairs.Add(new("code", filter.SearchValue));
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

            // The newest of each test, and names matched here rather than by the server, need more rows than they
            // return: read a wider window, then select.
            var window = filter is { SearchableOnly: false } ? TextScanLimit : latest_only ? Math.Max(max, 200) : max;
            var (observations, more) = await records.SearchAsync<Observation>(new SearchQuery(pairs), window, cancellationToken).ConfigureAwait(false);
            var selected = filter is { SearchableOnly: false } ? observations.Where(filter.Matches).ToList() : observations;
            var rows = selected.Select(RecordRows.Observation).ToList();
            if (latest_only)
            {
                rows = [.. rows.DistinctBy(r => ObservationCodes.SeriesOf(r.Code))];
            }

            var shown = rows.Take(max).ToList();
            return new ToolList<ObservationRow>(shown, rows.Count > max || more, shown.Count == 0 ? NoResults(filter) : null);
        });

    private static string NoResults(ObservationCodeFilter? filter) =>
        filter is { TextTerms.Count: > 0 }
            ? $"No results. '{string.Join("', '", filter.TextTerms)}' is not a test name the tools know, so it was matched against result names "
              + $"(the newest {TextScanLimit}); known names: {string.Join(", ", Analytes.All.Select(a => a.Name))}."
            : "No results.";
}
