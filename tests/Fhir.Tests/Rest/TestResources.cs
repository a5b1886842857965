using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Minimal synthetic resources; each call makes a distinct patient so tests sharing a store stay apart.</summary>
public static class TestResources
{
    public const string Loinc = "http://loinc.org";

    public const string PotassiumCode = "2823-3";

    public const string IdentifierSystem = "urn:clinicalagent:test";

    /// <summary>A patient with a fresh identifier (<c>urn:clinicalagent:test|{guid}</c>).</summary>
    public static Patient Patient(string? identifier = null) => new()
    {
        Identifier = [new Identifier(IdentifierSystem, identifier ?? Guid.NewGuid().ToString("N"))],
        Name = [new HumanName { Family = "Testpatient", Given = ["Synthetic"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = "1970-01-01",
    };

    /// <summary>A final lab observation of <paramref name="code"/> for <paramref name="patientReference"/> at <paramref name="effective"/>.</summary>
    public static Observation Observation(string patientReference, string effective, decimal value, string code = PotassiumCode) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(Loinc, code),
        Subject = new ResourceReference(patientReference),
        Effective = new FhirDateTime(effective),
        Value = new Quantity(value, "mmol/L"),
    };
}
