using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>Small hand-made R4 resources whose search facts the tests know exactly.</summary>
internal static class Records
{
    public const string Loinc = "http://loinc.org";
    public const string MrnSystem = "http://hospital.example/mrn";

    public static Patient Patient(string id, string family, string given, string birthDate, string mrn) => new()
    {
        Id = id,
        Identifier = [new Identifier(MrnSystem, mrn)],
        Name = [new HumanName { Family = family, Given = [given] }],
        BirthDate = birthDate,
        Gender = AdministrativeGender.Female,
        Address = [new Address { City = "Springfield", State = "IL" }],
    };

    public static Observation Lab(string id, string patientId, string code, decimal value, string unit, string effective) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
        Code = new CodeableConcept(Loinc, code),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Effective = new FhirDateTime(effective),
        Value = new Quantity(value, unit) { System = "http://unitsofmeasure.org", Code = unit },
    };
}
