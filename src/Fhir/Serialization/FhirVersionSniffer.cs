using System.Text.Json;

namespace ClinicalAgent.Fhir.Serialization;

/// <summary>
/// Tells FHIR STU3 and DSTU2 JSON from R4 by cheap shape heuristics, so a file from an older server or an old
/// Synthea release is named as such in one line instead of hundreds of parser errors. Every sign it looks for is
/// an element or type that R4 does not have, so an R4 resource never matches.
/// </summary>
public static class FhirVersionSniffer
{
    private static readonly HashSet<string> Dstu2Types =
        new(["MedicationOrder", "DiagnosticOrder", "DeviceUseRequest", "Order", "OrderResponse", "Conformance"], StringComparer.Ordinal);

    private static readonly HashSet<string> Stu3Types =
        new(["ProcedureRequest", "ReferralRequest", "ProcessRequest", "EligibilityRequest"], StringComparer.Ordinal);

    // Elements R4 renamed or retyped (a string where R4 has a CodeableConcept); Undefined: present at all.
    private static readonly (string Type, string Element, JsonValueKind Kind, string Why, bool Dstu2)[] Elements =
    [
        ("Condition", "patient", JsonValueKind.Object, "Condition.patient instead of subject", true),
        ("Encounter", "patient", JsonValueKind.Object, "Encounter.patient instead of subject", true),
        ("Encounter", "class", JsonValueKind.String, "Encounter.class is a string", true),
        ("Condition", "clinicalStatus", JsonValueKind.String, "Condition.clinicalStatus is a string", false),
        ("Condition", "verificationStatus", JsonValueKind.String, "Condition.verificationStatus is a string", false),
        ("AllergyIntolerance", "clinicalStatus", JsonValueKind.String, "AllergyIntolerance.clinicalStatus is a string", false),
        ("AllergyIntolerance", "verificationStatus", JsonValueKind.String, "AllergyIntolerance.verificationStatus is a string", false),
        ("MedicationStatement", "taken", JsonValueKind.String, "MedicationStatement.taken", false),
        ("MedicationRequest", "context", JsonValueKind.Object, "MedicationRequest.context instead of encounter", false),
        ("Observation", "context", JsonValueKind.Object, "Observation.context instead of encounter", false),
        ("Procedure", "context", JsonValueKind.Object, "Procedure.context instead of encounter", false),
        ("DiagnosticReport", "context", JsonValueKind.Object, "DiagnosticReport.context instead of encounter", false),
        ("Immunization", "notGiven", JsonValueKind.Undefined, "Immunization.notGiven", false),
        ("Immunization", "date", JsonValueKind.String, "Immunization.date instead of occurrence[x]", false),
    ];

    /// <summary>
    /// "FHIR STU3 (Condition.clinicalStatus is a string)" when <paramref name="resource"/> (or, for a Bundle, one of
    /// its entries) has the shape of an older FHIR version; null when nothing says it is not R4.
    /// </summary>
    public static string? Detect(JsonElement resource)
    {
        string? stu3 = null;
        foreach (var element in Resources(resource))
        {
            var (version, why) = Sign(element);
            if (version == "DSTU2")
            {
                return $"FHIR DSTU2 ({why})";
            }

            stu3 ??= version is null ? null : $"FHIR STU3 ({why})";
        }

        return stu3;
    }

    /// <summary>The one-line error for a file of an older version.</summary>
    public static string Message(string source, string version) => $"{source} is {version}; ClinicalAgent reads R4.";

    private static IEnumerable<JsonElement> Resources(JsonElement resource)
    {
        yield return resource;
        if (resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var inner) && inner.ValueKind == JsonValueKind.Object)
                {
                    yield return inner;
                }
            }
        }
    }

    private static (string? Version, string Why) Sign(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return (null, "");
        }

        var type = typeElement.GetString()!;
        if (Dstu2Types.Contains(type))
        {
            return ("DSTU2", $"it has a {type}, which R4 does not");
        }

        if (Stu3Types.Contains(type))
        {
            return ("STU3", $"it has a {type}, which R4 does not");
        }

        if (VersionHint(resource) is { } hinted)
        {
            return hinted;
        }

        foreach (var (elementType, element, kind, why, dstu2) in Elements)
        {
            if (elementType == type && resource.TryGetProperty(element, out var value)
                && (kind == JsonValueKind.Undefined || value.ValueKind == kind))
            {
                return (dstu2 ? "DSTU2" : "STU3", why);
            }
        }

        return (null, "");
    }

    // fhirVersion (CapabilityStatement, StructureDefinition) and version-specific profile URLs say it outright.
    private static (string, string)? VersionHint(JsonElement resource)
    {
        if (resource.TryGetProperty("fhirVersion", out var version) && version.ValueKind == JsonValueKind.String && version.GetString() is { } text)
        {
            if (text.StartsWith("3.", StringComparison.Ordinal))
            {
                return ("STU3", $"fhirVersion is {text}");
            }

            if (text.StartsWith("1.0", StringComparison.Ordinal) || text.StartsWith("0.", StringComparison.Ordinal))
            {
                return ("DSTU2", $"fhirVersion is {text}");
            }
        }

        if (resource.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("profile", out var profiles) && profiles.ValueKind == JsonValueKind.Array)
        {
            foreach (var profile in profiles.EnumerateArray())
            {
                // Only the base specification's own versioned paths: US Core's "STU3.1.1" is an R4 guide.
                var url = profile.ValueKind == JsonValueKind.String ? profile.GetString() ?? "" : "";
                if (url.Contains("hl7.org/fhir/DSTU2/", StringComparison.OrdinalIgnoreCase))
                {
                    return ("DSTU2", $"meta.profile {url}");
                }

                if (url.Contains("hl7.org/fhir/STU3/", StringComparison.OrdinalIgnoreCase) || url.Contains("hl7.org/fhir/3.0", StringComparison.Ordinal))
                {
                    return ("STU3", $"meta.profile {url}");
                }
            }
        }

        return null;
    }
}
