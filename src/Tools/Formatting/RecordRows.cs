using ClinicalAgent.Tools.Results;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>Turns Firely resources into the compact rows the tools return.</summary>
internal static class RecordRows
{
    public static PatientMatch Match(Patient patient) =>
        new(patient.Id ?? "", Mrn(patient), Name(patient), patient.BirthDate, Gender(patient));

    public static PatientDetails Details(Patient patient, DateTimeOffset now)
    {
        int? age = DateOnly.TryParse(patient.BirthDate, System.Globalization.CultureInfo.InvariantCulture, out var birth)
            ? Time.ClinicalClock.AgeInYears(birth, now)
            : null;
        var deceased = patient.Deceased switch
        {
            FhirBoolean flag => flag.Value,
            FhirDateTime => true,
            _ => null,
        };
        var phone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value;
        var address = patient.Address.FirstOrDefault() is { } a
            ? string.Join(", ", a.Line.Append(a.City).Append(a.State).Append(a.PostalCode).Where(p => !string.IsNullOrWhiteSpace(p)))
            : null;
        return new PatientDetails(patient.Id ?? "", Mrn(patient), Name(patient), patient.BirthDate, age, Gender(patient), deceased, phone, address);
    }

    public static ObservationRow Observation(Observation observation)
    {
        var (value, unit) = FhirText.Value(observation.Value, observation.Component);
        return new ObservationRow(
            FhirText.When(observation.Effective) ?? FhirText.Moment(observation.Issued),
            FhirText.Code(observation.Code),
            FhirText.Name(observation.Code),
            value,
            unit,
            observation.Interpretation.Select(FhirText.Name).FirstOrDefault(n => n is not null),
            Cite(observation));
    }

    public static ConditionRow Condition(Condition condition) => new(
        Cite(condition),
        FhirText.Code(condition.Code),
        FhirText.Name(condition.Code),
        FhirText.Status(condition.ClinicalStatus),
        FhirText.When(condition.Onset),
        FhirText.When(condition.Abatement),
        condition.RecordedDate);

    public static MedicationRow Medication(MedicationRequest request) => new(
        Cite(request),
        request.Medication is CodeableConcept concept ? FhirText.Code(concept) : null,
        request.Medication switch
        {
            CodeableConcept concept2 => FhirText.Name(concept2),
            ResourceReference reference => reference.Display ?? reference.Reference,
            _ => null,
        },
        request.Status?.ToString().ToLowerInvariant(),
        request.AuthoredOn,
        request.DosageInstruction.FirstOrDefault()?.Text);

    public static ProcedureRow Procedure(Procedure procedure) => new(
        Cite(procedure),
        FhirText.Code(procedure.Code),
        FhirText.Name(procedure.Code),
        procedure.Status?.ToString().ToLowerInvariant(),
        FhirText.When(procedure.Performed));

    public static AllergyRow Allergy(AllergyIntolerance allergy) => new(
        Cite(allergy),
        FhirText.Code(allergy.Code),
        FhirText.Name(allergy.Code),
        FhirText.Status(allergy.ClinicalStatus),
        allergy.Criticality?.ToString().ToLowerInvariant(),
        allergy.Reaction.SelectMany(r => r.Manifestation).Select(FhirText.Name).FirstOrDefault(n => n is not null),
        allergy.RecordedDate);

    public static EncounterRow Encounter(Encounter encounter) => new(
        Cite(encounter),
        encounter.Class?.Display ?? encounter.Class?.Code,
        encounter.Type.Select(FhirText.Name).FirstOrDefault(n => n is not null),
        encounter.Status?.ToString().ToLowerInvariant(),
        encounter.Period?.Start,
        encounter.Period?.End);

    public static ImmunizationRow Immunization(Immunization immunization) => new(
        Cite(immunization),
        FhirText.Code(immunization.VaccineCode),
        FhirText.Name(immunization.VaccineCode),
        immunization.Status?.ToString().ToLowerInvariant(),
        FhirText.When(immunization.Occurrence));

    public static DocumentRow Document(DocumentReference document)
    {
        var type = FhirText.Name(document.Type);
        var title = Title(document);

        // A title that only repeats the type is tokens for nothing.
        return new DocumentRow(Cite(document), FhirText.Moment(document.Date), type, title == type ? null : title);
    }

    /// <summary>The id as the model should cite it, <c>Observation/abc</c>: what it copies is what the loop recognises.</summary>
    public static string Cite(Resource resource) => resource.Id is null ? "" : $"{resource.TypeName}/{resource.Id}";

    public static string? Title(DocumentReference document) =>
        document.Description ?? document.Content.Select(c => c.Attachment?.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    public static string? Mrn(Patient patient) =>
        patient.Identifier.FirstOrDefault(i => i.Type?.Coding.Any(c => c.Code == "MR") == true)?.Value
        ?? patient.Identifier.FirstOrDefault()?.Value;

    private static string? Name(Patient patient)
    {
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        if (name is null)
        {
            return null;
        }

        return !string.IsNullOrWhiteSpace(name.Text) ? name.Text : string.Join(" ", name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    private static string? Gender(Patient patient) => patient.Gender?.ToString().ToLowerInvariant();
}
