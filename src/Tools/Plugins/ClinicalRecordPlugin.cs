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

/// <summary>The rest of the chart as lists: problems, medications, procedures, allergies, encounters, immunizations.</summary>
internal sealed class ClinicalRecordPlugin(
    ClinicalRecords records, ClinicalClock clock, MedicationResolver medications, ILogger<ClinicalRecordPlugin>? logger = null)
{
    private const string PatientIdText = ParameterText.PatientId;
    private const string SinceText = ParameterText.Since;
    private const string LimitText = ParameterText.Limit;

    private readonly ILogger _logger = logger ?? NullLogger<ClinicalRecordPlugin>.Instance;

    [KernelFunction("get_conditions")]
    [Description("A patient's problems and diagnoses (SNOMED), newest first.")]
    public Task<string> GetConditionsAsync(
        [Description(PatientIdText)] string patient_id,
        [Description("active or resolved")] string? status = null,
        [Description(LimitText), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ListAsync<Condition, ConditionRow>("get_conditions", patient_id, "-onset-date", null, null, Filter("clinical-status", status), limit,
            RecordRows.Condition, cancellationToken);

    [KernelFunction("get_medications")]
    [Description("A patient's medication orders (RxNorm), newest first.")]
    public Task<string> GetMedicationsAsync(
        [Description(PatientIdText)] string patient_id,
        [Description("active or stopped")] string? status = null,
        [Description(LimitText), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_medications", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            var pairs = new List<KeyValuePair<string, string>> { new("patient", patient.Id ?? ""), new("_sort", "-authoredon") };
            if (Filter("status", status) is { } f)
            {
                pairs.Add(f);
            }

            var (rows, more) = await medications.SearchAsync(records, pairs, records.Limit(limit), cancellationToken).ConfigureAwait(false);
            return new ToolList<MedicationRow>([.. rows], more, rows.Count == 0 ? "None recorded." : null);
        });

    [KernelFunction("get_procedures")]
    [Description("A patient's procedures (SNOMED), newest first.")]
    public Task<string> GetProceduresAsync(
        [Description(PatientIdText)] string patient_id,
        [Description(SinceText)] string? since = null,
        [Description(LimitText), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ListAsync<Procedure, ProcedureRow>("get_procedures", patient_id, "-date", "date", since, null, limit, RecordRows.Procedure, cancellationToken);

    [KernelFunction("get_allergies")]
    [Description("A patient's allergies and intolerances.")]
    public Task<string> GetAllergiesAsync(
        [Description(PatientIdText)] string patient_id,
        CancellationToken cancellationToken = default) =>
        ListAsync<AllergyIntolerance, AllergyRow>("get_allergies", patient_id, null, null, null, null, null, RecordRows.Allergy, cancellationToken);

    [KernelFunction("get_encounters")]
    [Description("A patient's visits and admissions, newest first.")]
    public Task<string> GetEncountersAsync(
        [Description(PatientIdText)] string patient_id,
        [Description(SinceText)] string? since = null,
        [Description(LimitText), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ListAsync<Encounter, EncounterRow>("get_encounters", patient_id, "-date", "date", since, null, limit, RecordRows.Encounter, cancellationToken);

    [KernelFunction("get_immunizations")]
    [Description("A patient's vaccines given (CVX), newest first.")]
    public Task<string> GetImmunizationsAsync(
        [Description(PatientIdText)] string patient_id,
        [Description(LimitText), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ListAsync<Immunization, ImmunizationRow>("get_immunizations", patient_id, "-date", null, null, null, limit, RecordRows.Immunization, cancellationToken);

    private static KeyValuePair<string, string>? Filter(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? null
            : new(name, value.Trim().ToLowerInvariant());

    private Task<string> ListAsync<TResource, TRow>(
        string tool, string patientId, string? sort, string? dateParameter, string? since, KeyValuePair<string, string>? filter, int? limit,
        Func<TResource, TRow> toRow, CancellationToken cancellationToken)
        where TResource : Resource =>
        ToolRunner.RunAsync(_logger, tool, patientId, async () =>
        {
            var patient = await records.GetPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
            var pairs = new List<KeyValuePair<string, string>> { new("patient", patient.Id ?? "") };
            if (filter is { } f)
            {
                pairs.Add(f);
            }

            if (dateParameter is not null && !string.IsNullOrWhiteSpace(since))
            {
                var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);
                pairs.Add(new(dateParameter, "ge" + TimeExpression.ToFhir(TimeExpression.Parse(since, now, "since"))));
            }

            if (sort is not null)
            {
                pairs.Add(new("_sort", sort));
            }

            var (items, more) = await records.SearchAsync<TResource>(new SearchQuery(pairs), records.Limit(limit), cancellationToken)
                .ConfigureAwait(false);
            return new ToolList<TRow>([.. items.Select(toRow)], more, items.Count == 0 ? "None recorded." : null);
        });
}
