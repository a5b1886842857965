namespace ClinicalAgent.Fhir.Rest;

/// <summary>The wire formats the facade speaks.</summary>
internal enum FhirFormat
{
    Json,
    Xml,
}
