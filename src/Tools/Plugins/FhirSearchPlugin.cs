using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Results;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Plugins;

/// <summary>
/// A read-only FHIR search for what the other tools do not cover. Only searches, never writes; results are capped
/// in entries and characters, and stripped of meta and narrative, so one call cannot flood the context.
/// </summary>
internal sealed class FhirSearchPlugin(ClinicalRecords records, ILogger<FhirSearchPlugin>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<FhirSearchPlugin>.Instance;

    [KernelFunction("fhir_search")]
    [Description("Any FHIR search, when no other tool fits; returns the resources as JSON (capped).")]
    public Task<string> SearchAsync(
        [Description("e.g. Observation, DiagnosticReport")] string resource_type,
        [Description("e.g. 'patient=S1234567&code=2823-3&_sort=-date'")] string query,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "fhir_search", resource_type, async () =>
        {
            var type = (resource_type ?? "").Trim();
            if (!ModelInfo.IsKnownResource(type))
            {
                throw new ToolArgumentException($"'{resource_type}' is not a FHIR resource type: use e.g. Observation, Condition, MedicationRequest.");
            }

            var options = records.Options;
            var parsed = SearchQuery.Parse(query);
            var requested = parsed.ValuesOf("_count").Select(v => int.TryParse(v, out var n) ? n : 0).FirstOrDefault(n => n > 0);
            var count = requested > 0 ? Math.Min(requested, options.MaxSearchEntries) : options.MaxSearchEntries;
            var bundle = await records.Gateway.SearchAsync(
                type, parsed.With("_count", count.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);

            var entries = new List<JsonElement>();
            var characters = 0;
            var truncated = bundle.Total is { } total && total > count;
            foreach (var resource in bundle.Entry.Select(e => e.Resource).OfType<Resource>())
            {
                resource.Meta = null;
                if (resource is DomainResource domain)
                {
                    domain.Text = null;
                }

                var json = FhirJson.Serialize(resource);
                if (entries.Count >= count || characters + json.Length > options.MaxSearchCharacters)
                {
                    truncated = true;
                    break;
                }

                characters += json.Length;
                using var document = JsonDocument.Parse(json);
                entries.Add(document.RootElement.Clone());
            }

            truncated |= bundle.NextLink is not null;
            return new SearchMatches(type, bundle.Total, entries.Count, truncated, entries);
        });
}
