using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>The few facts of a resource that workflows branch on, read from its JSON: value, unit, date, patient.</summary>
internal static class FhirFacts
{
    public static JsonObject ToJson(Resource resource) => (JsonObject)JsonNode.Parse(FhirJson.Serialize(resource))!;

    /// <summary>An Observation's numeric value, if it has one.</summary>
    public static double? Value(JsonObject resource) => resource["valueQuantity"]?["value"]?.GetValue<double>();

    public static string? Unit(JsonObject resource) => resource["valueQuantity"]?["unit"]?.GetValue<string>() ?? resource["valueQuantity"]?["code"]?.GetValue<string>();

    /// <summary>The clinically relevant date: effective, issued, authored, recorded, period start, else last updated.</summary>
    public static string? Date(JsonObject resource) =>
        (resource["effectiveDateTime"] ?? resource["issued"] ?? resource["authoredOn"] ?? resource["recordedDate"]
            ?? resource["period"]?["start"] ?? resource["onsetDateTime"] ?? resource["meta"]?["lastUpdated"])?.GetValue<string>();

    /// <summary>The patient a resource is about: itself for a Patient, else its subject or patient reference's id.</summary>
    public static string? PatientId(JsonObject resource)
    {
        if (resource["resourceType"]?.GetValue<string>() == "Patient")
        {
            return resource["id"]?.GetValue<string>();
        }

        var reference = (resource["subject"] ?? resource["patient"])?["reference"]?.GetValue<string>();
        return reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : null;
    }
}
