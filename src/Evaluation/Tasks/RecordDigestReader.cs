using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Reads each patient's <see cref="RecordDigest"/> through plain FHIR searches (labs by LOINC code, active
/// MedicationRequests with their product resolved from a concept, a contained or a referenced Medication), so the
/// free-text questions' reference answers come from the record as any FHIR client sees it.
/// </summary>
internal sealed class RecordDigestReader(IFhirGateway gateway)
{
    /// <summary>Creatinine by mass (mg/dL), the unit renal dosing rules are written in.</summary>
    public static readonly IReadOnlyList<string> CreatinineCodes = Analytes.Creatinine.CodesFor("MCnc");

    /// <summary>Every patient's digest, ordered by MRN.</summary>
    public async Task<IReadOnlyList<RecordDigest>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var patients = await gateway.SearchAllAsync<Patient>("Patient", [new("_count", "500")], cancellationToken).ConfigureAwait(false);
        var digests = new List<RecordDigest>(patients.Count);
        foreach (var patient in patients.Where(p => p.Id is not null && !Units.UnitVariantRecords.IsVariant(p)).OrderBy(p => p.Id, StringComparer.Ordinal))
            digests.Add(await ReadAsync(patient.Id!, cancellationToken).ConfigureAwait(false));
        return digests;
    }

    private async Task<RecordDigest> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var codes = Analytes.Token(PatientFactsReader.PotassiumCodes.Concat(PatientFactsReader.HbA1cCodes).Concat(CreatinineCodes));
        var observations = await gateway.SearchAllAsync<Observation>("Observation",
            [new("patient", id), new("code", codes), new("_count", "500")], cancellationToken).ConfigureAwait(false);
        var requests = await gateway.SearchAllAsync<MedicationRequest>("MedicationRequest",
            [new("patient", id), new("status", "active"), new("_count", "500")], cancellationToken).ConfigureAwait(false);
        var medications = new List<RecordMedication>();
        foreach (var request in requests.Where(r => r.Id is not null).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (await NameAsync(request, cancellationToken).ConfigureAwait(false) is { } name)
                medications.Add(new RecordMedication($"MedicationRequest/{request.Id}", name));
        }

        return new RecordDigest(id, Labs(observations, PatientFactsReader.PotassiumCodes), Labs(observations, PatientFactsReader.HbA1cCodes),
            Labs(observations, CreatinineCodes), medications);
    }

    private async Task<string?> NameAsync(MedicationRequest request, CancellationToken cancellationToken)
    {
        switch (request.Medication)
        {
            case CodeableConcept concept:
                return Name(concept);
            case ResourceReference { Reference: { } reference } when reference.StartsWith('#'):
                return request.Contained.OfType<Medication>().FirstOrDefault(m => "#" + m.Id == reference) is { } contained ? Name(contained.Code) : null;
            case ResourceReference { Reference: { } reference }:
                try
                {
                    return await gateway.ReadAsync("Medication", reference[(reference.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false) is Medication medication
                        ? Name(medication.Code)
                        : null;
                }
                catch (FhirGatewayException)
                {
                    return null; // a dangling reference names no product
                }

            default:
                return null;
        }
    }

    private static string? Name(CodeableConcept? concept) => concept is null ? null
        : !string.IsNullOrWhiteSpace(concept.Text) ? concept.Text
        : concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));

    private static List<RecordLab> Labs(IEnumerable<Observation> observations, IReadOnlyList<string> codes)
    {
        var labs = new List<RecordLab>();
        foreach (var o in observations.Where(o => o.Id is not null && o.Code?.Coding.Any(c => c.System == Analytes.LoincSystem && codes.Contains(c.Code)) == true))
        {
            // Entered-in-error and cancelled results are not results; preliminary ones are, as the tools show them.
            if (o.Status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled)
                continue;
            if (o.Effective is FhirDateTime { Value: { } text } effective && o.Value is Quantity { Value: { } value } quantity)
                labs.Add(new RecordLab($"Observation/{o.Id}", value, quantity.Unit ?? quantity.Code ?? "", text, effective.ToDateTimeOffset(TimeSpan.Zero)));
        }

        return [.. labs.OrderByDescending(l => l.When).ThenBy(l => l.Id, StringComparer.Ordinal)];
    }
}
