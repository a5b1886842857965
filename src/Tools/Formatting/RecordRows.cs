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
        var birth = DateOnly.TryParse(patient.BirthDate, System.Globalization.CultureInfo.InvariantCulture, out var born) ? born : (DateOnly?)null;
        var (deceased, deceasedDate) = patient.Deceased switch
        {
            FhirBoolean flag => (flag.Value, (string?)null),
            FhirDateTime died => (true, died.Value),
            _ => ((bool?)null, (string?)null),
        };

        // A deceased patient's age is their age at death; without a death date it is unknown, never "as of today".
        int? age = birth is not { } b ? null
            : deceased is not true ? Time.ClinicalClock.AgeInYears(b, now)
            : FhirText.Parse(deceasedDate) is { } death ? Time.ClinicalClock.AgeInYears(b, death)
            : null;
        var phone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value;
        var address = patient.Address.FirstOrDefault() is { } a
            ? string.Join(", ", a.Line.Append(a.City).Append(a.State).Append(a.PostalCode).Where(p => !string.IsNullOrWhiteSpace(p)))
            : null;
        return new PatientDetails(patient.Id ?? "", Mrn(patient), Name(patient), patient.BirthDate, age, Gender(patient), deceased, deceasedDate,
            phone, address);
    }

    public static ObservationRow Observation(Observation observation)
    {
        var (value, unit) = ObservationValueText.Of(observation);
        var status = observation.Status is ObservationStatus.Final ? null : Literal(observation.Status);
        return new ObservationRow(
            FhirText.When(observation.Effective) ?? FhirText.Moment(observation.Issued),
            FhirText.Code(observation.Code),
            FhirText.Name(observation.Code),
            value,
            unit,
            observation.Interpretation.Select(FhirText.Name).FirstOrDefault(n => n is not null),
            status,
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

    /// <summary>
    /// A medication order; <paramref name="medication"/> is the Medication its <c>medicationReference</c> names, when
    /// resolved (see <see cref="Records.MedicationResolver"/>).
    /// </summary>
    public static MedicationRow Medication(MedicationRequest request, Hl7.Fhir.Model.Medication? medication = null)
    {
        var concept = request.Medication as CodeableConcept ?? medication?.Code;
        var name = FhirText.Name(concept)
            ?? (request.Medication as ResourceReference)?.Display
            ?? (request.Medication is ResourceReference { Reference: { } unresolved } ? $"unresolved {unresolved}" : null);
        var (dose, route, frequency, text) = DosageText.Of(request.DosageInstruction);
        return new MedicationRow(
            Cite(request),
            FhirText.Code(concept),
            name,
            Literal(request.Status),
            request.AuthoredOn,
            dose,
            route,
            frequency,
            text);
    }

    public static ProcedureRow Procedure(Procedure procedure) => new(
        Cite(procedure),
        FhirText.Code(procedure.Code),
        FhirText.Name(procedure.Code),
        Literal(procedure.Status),
        FhirText.When(procedure.Performed));

    public static AllergyRow Allergy(AllergyIntolerance allergy) => new(
        Cite(allergy),
        FhirText.Code(allergy.Code),
        FhirText.Name(allergy.Code),
        FhirText.Status(allergy.ClinicalStatus),
        Literal(allergy.Criticality),
        allergy.Reaction.SelectMany(r => r.Manifestation).Select(FhirText.Name).FirstOrDefault(n => n is not null),
        allergy.RecordedDate);

    public static EncounterRow Encounter(Encounter encounter) => new(
        Cite(encounter),
        EncounterClassText.Of(encounter.Class),
        encounter.Type.Select(FhirText.Name).FirstOrDefault(n => n is not null),
        Literal(encounter.Status),
        encounter.Period?.Start,
        encounter.Period?.End);

    public static ImmunizationRow Immunization(Immunization immunization) => new(
        Cite(immunization),
        FhirText.Code(immunization.VaccineCode),
        FhirText.Name(immunization.VaccineCode),
        Literal(immunization.Status),
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

    private static string? Gender(Patient patient) => Literal(patient.Gender);

    /// <summary>The FHIR code of a status enum (<c>entered-in-error</c>, <c>on-hold</c>), as the spec spells it.</summary>
    private static string? Literal<T>(T? value) where T : struct, Enum => value is { } v ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(v) : null;
}
