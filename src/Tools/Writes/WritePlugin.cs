using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Tools that add to a patient's record. Every write goes through the configured <see cref="IApprovalPolicy"/>
/// (denied by default) and is idempotent: repeating a call finds the first write instead of duplicating it.
/// </summary>
public sealed class WritePlugin(WriteExecutor writes, ILogger<WritePlugin>? logger = null)
{
    private const string KeyDescription = "The same key never writes twice (default: derived from the arguments).";

    private readonly ILogger _logger = logger ?? NullLogger<WritePlugin>.Instance;

    [KernelFunction("record_vital_sign")]
    [Description("Record a vital sign (needs approval).")]
    public Task<string> RecordVitalSignAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("blood_pressure, heart_rate, temperature, spo2 or weight")] string kind,
        [Description("The value with its unit, e.g. '118/77 mmHg', '72 /min', '37.2 Cel', '97 %', '81.5 kg'")] string value,
        [Description(KeyDescription)] string? idempotency_key = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "record_vital_sign", patient_id, () =>
        {
            var vital = VitalSignKind.Of(kind);
            var text = Required(value, "value");
            return writes.ProposeAsync("record_vital_sign", patient_id, idempotency_key, [vital.Name, text],
                (patient, now) => WriteResources.VitalSign(patient, vital, text, now),
                patient => $"{vital.Text} {text} for Patient/{patient}", cancellationToken);
        });

    [KernelFunction("order_medication")]
    [Description("Order a medication (needs approval): an active MedicationRequest.")]
    public Task<string> OrderMedicationAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("As text, e.g. 'lisinopril 10 mg oral tablet'")] string medication,
        [Description("e.g. RxNorm '314076'")] string? code = null,
        [Description("rxnorm (default), ndc or a system URI")] string? system = null,
        [Description("e.g. '10 mg'")] string? dose = null,
        [Description("e.g. 'oral'")] string? route = null,
        [Description("e.g. 'once daily'")] string? frequency = null,
        [Description(KeyDescription)] string? idempotency_key = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "order_medication", patient_id, () =>
        {
            var name = Required(medication, "medication");
            return writes.ProposeAsync("order_medication", patient_id, idempotency_key, [name, code, system, dose, route, frequency],
                (patient, now) => WriteResources.MedicationOrder(patient, name, code, system, dose, route, frequency, now),
                patient => $"Order {string.Join(" ", new[] { name, dose, route, frequency }.Where(s => !string.IsNullOrWhiteSpace(s)))} for Patient/{patient}",
                cancellationToken);
        });

    [KernelFunction("order_service")]
    [Description("Order a lab test, referral or imaging study (needs approval): an active ServiceRequest.")]
    public Task<string> OrderServiceAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("lab, referral or imaging")] string kind,
        [Description("e.g. LOINC '2823-3' (potassium)")] string code,
        [Description("loinc (default for lab), snomed (default otherwise) or a system URI")] string? system = null,
        // Free text may run past the grammar's default cap on strings (Model:MaxStringArgumentLength): an SBAR handover is a paragraph.
        [Description("For whoever carries out the order"), MaxLength(2000)] string? note = null,
        [Description("routine (default) or stat")] string? priority = null,
        [Description("When: YYYY-MM-DD or an ISO date-time")] string? occurrence = null,
        [Description(KeyDescription)] string? idempotency_key = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "order_service", patient_id, () =>
        {
            var serviceKind = (kind ?? "").Trim().ToLowerInvariant();
            if (serviceKind is not ("lab" or "referral" or "imaging"))
            {
                throw new ToolArgumentException("kind must be lab, referral or imaging.");
            }

            var serviceCode = Required(code, "code");
            var level = (priority ?? "").Trim().ToLowerInvariant() switch
            {
                "" or "routine" => RequestPriority.Routine,
                "stat" => RequestPriority.Stat,
                _ => throw new ToolArgumentException("priority must be routine or stat."),
            };
            var when = Occurrence(occurrence);
            return writes.ProposeAsync("order_service", patient_id, idempotency_key,
                [serviceKind, serviceCode, system, note, level.ToString(), occurrence],
                (patient, now) => WriteResources.ServiceOrder(patient, serviceKind, serviceCode, system, note, level, when, now),
                patient => $"{(level == RequestPriority.Stat ? "Stat " : "")}{serviceKind} order {serviceCode} for Patient/{patient}",
                cancellationToken);
        });

    [KernelFunction("create_note")]
    [Description("Add a plain-text clinical note (needs approval): a DocumentReference.")]
    public Task<string> CreateNoteAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("e.g. 'Phone follow-up'")] string title,
        [Description("The note's text"), MaxLength(8000)] string text,
        [Description(KeyDescription)] string? idempotency_key = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "create_note", patient_id, () =>
        {
            var heading = Required(title, "title");
            var body = Required(text, "text");
            return writes.ProposeAsync("create_note", patient_id, idempotency_key, [heading, body],
                (patient, now) => WriteResources.Note(patient, heading, body, now),
                patient => $"Note '{heading}' ({body.Length} characters) for Patient/{patient}", cancellationToken);
        });

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ToolArgumentException($"{name} is required.") : value.Trim();

    private static FhirDateTime? Occurrence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        return FhirDateTime.IsValidValue(value)
            ? new FhirDateTime(value)
            : throw new ToolArgumentException("occurrence must be a date-time such as 2023-11-20 or 2023-11-20T09:00:00Z.");
    }
}
