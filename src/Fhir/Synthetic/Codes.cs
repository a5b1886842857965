using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Code systems and small builders for the coded elements every resource needs.</summary>
internal static class Codes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Npi = "http://hl7.org/fhir/sid/us-npi";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string DiagnosticService = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string AllergyClinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    public const string AllergyVerification = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    public const string DrugForm = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm";
    public const string DocumentCategory = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";

    public static CodeableConcept Concept(string system, string code, string display, string? text = null) =>
        new() { Coding = [new Coding(system, code, display)], Text = text ?? display };

    public static ResourceReference Ref(string type, string id) => new($"{type}/{id}");

    public static Quantity Quantity(decimal value, string ucum) =>
        new() { Value = value, Unit = ucum, System = Ucum, Code = ucum };
}
