using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>CDS Hooks 2.0 request bodies as an EHR sends them.</summary>
internal static class CdsRequests
{
    public static JsonObject PatientView(string patient, JsonObject? prefetch = null, string? fhirServer = null, string? accessToken = null)
    {
        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString("D"),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/cds-test", ["patientId"] = patient },
        };
        return With(body, prefetch, fhirServer, accessToken);
    }

    /// <summary>order-select with one draft MedicationRequest of <paramref name="rxnorm"/> (selected unless told otherwise).</summary>
    public static JsonObject OrderSelect(string patient, string rxnorm, string display, JsonObject? prefetch = null, bool selected = true,
        string? fhirServer = null, string? accessToken = null)
    {
        var draft = new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = "draft-1",
            ["status"] = "draft",
            ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = rxnorm, ["display"] = display }),
                ["text"] = display,
            },
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" },
        };
        var body = new JsonObject
        {
            ["hook"] = "order-select",
            ["hookInstance"] = Guid.NewGuid().ToString("D"),
            ["context"] = new JsonObject
            {
                ["userId"] = "Practitioner/cds-test",
                ["patientId"] = patient,
                ["selections"] = new JsonArray(selected ? "MedicationRequest/draft-1" : "MedicationRequest/other"),
                ["draftOrders"] = new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["type"] = "collection",
                    ["entry"] = new JsonArray(new JsonObject { ["resource"] = draft }),
                },
            },
        };
        return With(body, prefetch, fhirServer, accessToken);
    }

    private static JsonObject With(JsonObject body, JsonObject? prefetch, string? fhirServer, string? accessToken)
    {
        if (prefetch is not null)
            body["prefetch"] = prefetch;
        if (fhirServer is not null)
        {
            body["fhirServer"] = fhirServer;
            body["fhirAuthorization"] = new JsonObject
            {
                ["access_token"] = accessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["scope"] = "system/*.rs",
                ["subject"] = "cds-service",
            };
        }

        return body;
    }
}
