using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Mcp.Access;

/// <summary>
/// The resource types each of the agent's tools reads or writes, so a token's scopes are checked against what the tool
/// really touches. A tool missing here is refused to any token with scopes, rather than guessed.
/// </summary>
internal static class ToolRules
{
    private static readonly string[] ImageTypes = ["ImagingStudy", "Media", "DocumentReference", "DiagnosticReport"];

    private static readonly Dictionary<string, ToolRule> Rules = new(StringComparer.Ordinal)
    {
        ["find_patients"] = new(["Patient"], SmartPermissions.Search, ToolTarget.AcrossPatients),
        ["fhir_search"] = new([], SmartPermissions.Search, ToolTarget.AcrossPatients),
        ["get_patient"] = new(["Patient"], SmartPermissions.Read, ToolTarget.PatientArgument),
        ["get_patient_overview"] = new(
            ["Patient", "Condition", "MedicationRequest", "Observation", "DiagnosticReport", "Procedure", "AllergyIntolerance", "Encounter", "Immunization", "DocumentReference"],
            SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_observations"] = new(["Observation"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_conditions"] = new(["Condition"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_medications"] = new(["MedicationRequest"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_procedures"] = new(["Procedure"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_allergies"] = new(["AllergyIntolerance"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_encounters"] = new(["Encounter"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_immunizations"] = new(["Immunization"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["get_documents"] = new(["DocumentReference"], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["read_document"] = new(["DocumentReference"], SmartPermissions.Read, ToolTarget.ResourceArguments, ["document_id"], "DocumentReference"),
        ["list_images"] = new(["Patient", .. ImageTypes], SmartPermissions.Search, ToolTarget.PatientArgument),
        ["describe_image"] = new([], SmartPermissions.Read, ToolTarget.ResourceArguments, ["image_id"]),
        ["classify_image"] = new([], SmartPermissions.Read, ToolTarget.ResourceArguments, ["image_id"]),
        ["compare_images"] = new([], SmartPermissions.Read, ToolTarget.ResourceArguments, ["current_id", "prior_id"]),
        ["record_vital_sign"] = new(["Observation"], SmartPermissions.Create, ToolTarget.PatientArgument),
        ["order_medication"] = new(["MedicationRequest"], SmartPermissions.Create, ToolTarget.PatientArgument),
        ["order_service"] = new(["ServiceRequest"], SmartPermissions.Create, ToolTarget.PatientArgument),
        ["create_note"] = new(["DocumentReference"], SmartPermissions.Create, ToolTarget.PatientArgument),
    };

    /// <summary>The rule of <paramref name="tool"/>, or null for a tool this table does not know.</summary>
    public static ToolRule? For(string tool) => Rules.GetValueOrDefault(tool);

    /// <summary>The types an image id may name.</summary>
    public static IReadOnlyList<string> ImageResourceTypes => ImageTypes;
}
