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

/// <summary>Finds patients and shows who they are and what their chart holds.</summary>
internal sealed class PatientPlugin(ClinicalRecords records, ClinicalClock clock, OverviewReader overview, ILogger<PatientPlugin>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<PatientPlugin>.Instance;

    [KernelFunction("find_patients")]
    [Description("Find patients by name, birth date, MRN or gender. Use the id it returns in every other tool.")]
    public Task<string> FindPatientsAsync(
        [Description("Any part of the name")] string? name = null,
        [Description("First name")] string? given = null,
        [Description("Last name")] string? family = null,
        [Description("YYYY-MM-DD")] string? birthdate = null,
        [Description("e.g. 'S1234567'")] string? mrn = null,
        [Description("male, female, other or unknown")] string? gender = null,
        [Description("Most patients to return (default 20)"), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "find_patients", null, async () =>
        {
            var pairs = new List<KeyValuePair<string, string>>();
            Add(pairs, "name", name);
            Add(pairs, "given", given);
            Add(pairs, "family", family);
            Add(pairs, "birthdate", birthdate);
            Add(pairs, "identifier", mrn);
            Add(pairs, "gender", gender?.Trim().ToLowerInvariant());
            if (pairs.Count == 0)
            {
                throw new ToolArgumentException("Give at least one of name, given, family, birthdate, mrn or gender.");
            }

            var (patients, more) = await records.SearchAsync<Patient>(new SearchQuery(pairs), records.Limit(limit ?? 20), cancellationToken)
                .ConfigureAwait(false);
            return new ToolList<PatientMatch>([.. patients.Select(RecordRows.Match)], more, patients.Count == 0 ? "No patient matches." : null);
        });

    [KernelFunction("get_patient")]
    [Description("A patient's demographics: MRN, name, birth date, age today, gender, contact.")]
    public Task<string> GetPatientAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_patient", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            return RecordRows.Details(patient, await clock.GetNowAsync(cancellationToken).ConfigureAwait(false));
        });

    [KernelFunction("get_patient_overview")]
    [Description("A patient's chart at a glance: active problems and medications, allergies, last encounter, latest vitals and key labs.")]
    public Task<string> GetPatientOverviewAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_patient_overview", patient_id,
            () => overview.ReadAsync(patient_id, cancellationToken));

    private static void Add(List<KeyValuePair<string, string>> pairs, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            pairs.Add(new(name, value.Trim()));
        }
    }
}
