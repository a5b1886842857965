using System.Text;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>Builds the R4 resources the write tools propose, from already-checked arguments.</summary>
internal static class WriteResources
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Ndc = "http://hl7.org/fhir/sid/ndc";

    private static readonly CodeableConcept VitalSignsCategory = new("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs");

    public static Observation VitalSign(string patientId, VitalSignKind kind, string value, DateTimeOffset now)
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [VitalSignsCategory],
            Code = new CodeableConcept(Loinc, kind.Loinc, kind.Display, kind.Text),
            Subject = PatientRef(patientId),
            Effective = new FhirDateTime(now),
            Issued = now,
        };
        if (kind.Name == "blood_pressure")
        {
            var (systolic, diastolic) = VitalSignValue.BloodPressure(value);
            observation.Component =
            [
                new() { Code = new CodeableConcept(Loinc, "8480-6", "Systolic blood pressure"), Value = systolic },
                new() { Code = new CodeableConcept(Loinc, "8462-4", "Diastolic blood pressure"), Value = diastolic },
            ];
        }
        else
        {
            observation.Value = VitalSignValue.Single(kind, value);
        }

        return observation;
    }

    public static MedicationRequest MedicationOrder(string patientId, string medication, string? code, string? system,
        string? dose, string? route, string? frequency, DateTimeOffset now)
    {
        var concept = new CodeableConcept { Text = medication.Trim() };
        if (!string.IsNullOrWhiteSpace(code))
        {
            concept.Coding.Add(new Coding(SystemUri(system, RxNorm), code.Trim(), medication.Trim()));
        }

        var dosageText = string.Join(" ", new[] { dose, route, frequency }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        var request = new MedicationRequest
        {
            Status = MedicationRequest.MedicationrequestStatus.Active,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = concept,
            Subject = PatientRef(patientId),
            AuthoredOn = new FhirDateTime(now).Value,
        };
        if (dosageText.Length > 0)
        {
            request.DosageInstruction.Add(new Dosage
            {
                Text = dosageText,
                Route = string.IsNullOrWhiteSpace(route) ? null : new CodeableConcept { Text = route.Trim() },
            });
        }

        return request;
    }

    public static ServiceRequest ServiceOrder(string patientId, string kind, string code, string? system, string? note,
        RequestPriority priority, FhirDateTime? occurrence, DateTimeOffset now)
    {
        var (categoryCode, categoryDisplay, defaultSystem) = kind switch
        {
            "lab" => ("108252007", "Laboratory procedure", Loinc),
            "imaging" => ("363679005", "Imaging", Snomed),
            _ => ("3457005", "Patient referral", Snomed),
        };
        var request = new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(Snomed, categoryCode, categoryDisplay)],
            Priority = priority,
            Code = new CodeableConcept { Coding = [new Coding(SystemUri(system, defaultSystem), code.Trim())] },
            Subject = PatientRef(patientId),
            AuthoredOn = new FhirDateTime(now).Value,
            Occurrence = occurrence,
        };
        if (!string.IsNullOrWhiteSpace(note))
        {
            request.Note.Add(new Annotation { Text = new Markdown(note.Trim()), Time = new FhirDateTime(now).Value });
        }

        return request;
    }

    public static DocumentReference Note(string patientId, string title, string text, DateTimeOffset now) => new()
    {
        Status = DocumentReferenceStatus.Current,
        Type = new CodeableConcept(Loinc, "11506-3", "Progress note", title.Trim()),
        Category = [new CodeableConcept("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note")],
        Subject = PatientRef(patientId),
        Date = now,
        Description = title.Trim(),
        Content =
        [
            new DocumentReference.ContentComponent
            {
                Attachment = new Attachment
                {
                    ContentType = "text/plain; charset=utf-8",
                    Data = Encoding.UTF8.GetBytes(text),
                    Title = title.Trim(),
                    Creation = new FhirDateTime(now).Value,
                },
            },
        ],
    };

    /// <summary>A code system from a short name the model may use (rxnorm, ndc, loinc, snomed) or a URI.</summary>
    public static string SystemUri(string? system, string fallback) => (system ?? "").Trim().ToLowerInvariant() switch
    {
        "" => fallback,
        "rxnorm" or "rxnorm code" => RxNorm,
        "ndc" => Ndc,
        "loinc" => Loinc,
        "snomed" or "snomed ct" or "snomedct" or "sct" => Snomed,
        var uri when Uri.TryCreate(system!.Trim(), UriKind.Absolute, out _) => system.Trim(),
        _ => throw new ToolArgumentException($"Unknown code system '{system}'; use rxnorm, ndc, loinc, snomed or a system URI."),
    };

    private static ResourceReference PatientRef(string patientId) => new($"Patient/{patientId}");
}
