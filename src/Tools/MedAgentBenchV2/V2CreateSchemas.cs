namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// The JSON schemas of the v2 create tools: the arguments are the FHIR resource's own fields, as in v2, so the body
/// that is recorded is the arguments themselves. Where our official-profile payloads leave a v2 field out (a potassium
/// order has no rate, most service requests no note or occurrence) the field is optional.
/// </summary>
internal static class V2CreateSchemas
{
    private const string Subject = """
        {"type": "object", "properties": {"reference": {"type": "string", "description": "Patient/{MRN}, e.g. Patient/S1234567."}}, "required": ["reference"], "additionalProperties": false}
        """;

    private const string Coding = """
        {"type": "object", "properties": {
          "system": {"type": "string", "description": "The code system, e.g. http://loinc.org."},
          "code": {"type": "string", "description": "The code."},
          "display": {"type": "string", "description": "The code's display name."}
        }, "required": ["system", "code"], "additionalProperties": false}
        """;

    private const string Quantity = """
        {"type": "object", "properties": {"value": {"type": "number", "description": "The amount."}, "unit": {"type": "string", "description": "Its unit, e.g. g, mEq, h."}}, "required": ["value", "unit"], "additionalProperties": false}
        """;

    public const string VitalsCreate = $$$"""
        {"type": "object", "properties": {
          "resourceType": {"enum": ["Observation"], "description": "Use \"Observation\" for vitals."},
          "category": {"type": "array", "minItems": 1, "description": "Use the vital-signs category of http://hl7.org/fhir/observation-category.", "items": {"type": "object", "properties": {"coding": {"type": "array", "minItems": 1, "items": {{{Coding}}}}}, "required": ["coding"], "additionalProperties": false}},
          "code": {"type": "object", "properties": {"text": {"type": "string", "description": "The flowsheet id of what is measured, e.g. BP."}}, "required": ["text"], "additionalProperties": false},
          "effectiveDateTime": {"type": "string", "description": "When the observation was taken, ISO 8601 with offset."},
          "status": {"type": "string", "description": "Only \"final\" is supported."},
          "valueString": {"type": "string", "description": "The measurement, e.g. 118/77 mmHg."},
          "subject": {{{Subject}}}
        }, "required": ["resourceType", "category", "code", "effectiveDateTime", "status", "valueString", "subject"], "additionalProperties": false}
        """;

    public const string MedicationRequestCreate = $$$"""
        {"type": "object", "properties": {
          "resourceType": {"enum": ["MedicationRequest"], "description": "Use \"MedicationRequest\"."},
          "medicationCodeableConcept": {"type": "object", "properties": {"coding": {"type": "array", "minItems": 1, "items": {{{Coding}}}}, "text": {"type": "string", "description": "The medication's order name."}}, "required": ["coding"], "additionalProperties": false},
          "authoredOn": {"type": "string", "description": "When the order was written, ISO 8601 with offset."},
          "dosageInstruction": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {
            "route": {"type": "string", "description": "The route, e.g. IV or oral."},
            "doseAndRate": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {"doseQuantity": {{{Quantity}}}, "rateQuantity": {{{Quantity}}}}, "required": ["doseQuantity"], "additionalProperties": false}}
          }, "required": ["route", "doseAndRate"], "additionalProperties": false}},
          "status": {"type": "string", "description": "Use \"active\"."},
          "intent": {"type": "string", "description": "Use \"order\"."},
          "subject": {{{Subject}}}
        }, "required": ["resourceType", "medicationCodeableConcept", "authoredOn", "dosageInstruction", "status", "intent", "subject"], "additionalProperties": false}
        """;

    public const string ServiceRequestCreate = $$$"""
        {"type": "object", "properties": {
          "resourceType": {"enum": ["ServiceRequest"], "description": "Use \"ServiceRequest\"."},
          "code": {"type": "object", "properties": {"coding": {"type": "array", "minItems": 1, "items": {{{Coding}}}}}, "required": ["coding"], "additionalProperties": false},
          "authoredOn": {"type": "string", "description": "When the order was signed, ISO 8601 with offset."},
          "status": {"type": "string", "description": "Use \"active\"."},
          "intent": {"type": "string", "description": "Use \"order\"."},
          "priority": {"type": "string", "description": "Use \"stat\"."},
          "subject": {{{Subject}}},
          "note": {"type": "object", "properties": {"text": {"type": "string", "description": "Free-text comment."}}, "required": ["text"], "additionalProperties": false},
          "occurrenceDateTime": {"type": "string", "description": "When the service should take place, ISO 8601 with offset."}
        }, "required": ["resourceType", "code", "authoredOn", "status", "intent", "priority", "subject"], "additionalProperties": false}
        """;
}
